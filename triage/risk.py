"""Is a child or young person at risk? The safeguarding detector, built for recall.

Every piece of the message (triage/pieces.py) is scored by a trained model; the
highest score counts, so a risk in the middle of a long question is not
diluted by the rest. The patterns (triage/patterns.py) are a second net: a
match is urgent unless the model is sure the words are used innocently ("is
self-harm covered in the SEN information report"), and then it is still a
concern. Without a trained model, the patterns alone decide.
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from triage.features import features
from triage.linear_model import LinearModel
from triage.model_files import load_model
from triage.patterns import normalise, pattern_kinds
from triage.pieces import pieces

log = logging.getLogger(__name__)

URGENT, CONCERN, NONE = "urgent", "concern", "none"
RISK_LABEL = "risk"


@dataclass(frozen=True)
class RiskAssessment:
    level: str            # URGENT, CONCERN or NONE
    kind: str | None      # self_harm, missing_runaway, ... when there is a risk
    score: float          # the model's highest probability over the pieces
    patterns: tuple[str, ...] = ()

    @property
    def urgent(self) -> bool:
        return self.level == URGENT


class RiskDetector:
    def __init__(self, model: LinearModel | None, kinds: LinearModel | None) -> None:
        self.model = model
        self.kinds = kinds

    def score(self, text: str) -> float:
        """The model's highest probability of risk over the message's pieces."""
        if self.model is None:
            return 0.0
        return max(self.model.probabilities(features(piece, self.model.letters))[RISK_LABEL]
                   for piece in pieces(text))

    def assess(self, text: str) -> RiskAssessment:
        matched = tuple(pattern_kinds(normalise(text)))
        if self.model is None:
            return RiskAssessment(URGENT if matched else NONE, self._kind(text, matched), 0.0,
                                  matched)
        score = self.score(text)
        limits = self.model.settings
        if score >= limits["urgent"] or (matched and score >= limits["veto"]):
            level = URGENT
        elif score >= limits["concern"] or matched:
            level = CONCERN
        else:
            return RiskAssessment(NONE, None, score, matched)
        return RiskAssessment(level, self._kind(text, matched), score, matched)

    def _kind(self, text: str, matched: tuple[str, ...]) -> str | None:
        if self.kinds is not None:
            return self.kinds.best(features(text, self.kinds.letters))[0]
        return matched[0] if matched else None


@functools.lru_cache(maxsize=1)
def risk_detector() -> RiskDetector:
    """The detector from the trained models in var/triage, or the patterns alone (and a
    warning in the log) if they have not been built."""
    model, kinds = load_model("risk"), load_model("risk_kinds")
    if model is None:
        log.warning("no trained safeguarding model: the patterns alone decide")
    return RiskDetector(model, kinds)


def patterns_only() -> RiskDetector:
    """The patterns alone: the baseline the trained detector is measured against."""
    return RiskDetector(None, None)

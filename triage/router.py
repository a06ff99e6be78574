"""The first decision on every message: which path it goes down.

- urgent: a child or young person is at risk now (triage/risk.py);
- concern: a possible risk inside an ordinary question: answer it, with one safety
  line and the offer of a person (a flag on the decision, beside its route);
- question: answer it;
- clarify: too vague to answer: ask what they mean;
- needs_person: their own case, a named officer, checking something arrived, a call,
  access needs, or "I still don't understand";
- out_of_scope: name the subject (another UK nation, a diagnosis, benefits...);
- small_talk: greetings, thanks and goodbyes.

Safety is decided first, on the whole message sentence by sentence. The route model
(trained by triage/train.py) decides the rest, with a few sure words from
`knowledge/routes.yml` that settle a route whatever it says.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from knowledge.guides import load_guides, parse_clarify
from knowledge.sources import SOURCE_DIR, read_yaml
from triage.features import features
from triage.linear_model import LinearModel
from triage.model_files import load_model
from triage.patterns import normalise
from triage.pieces import sentences
from triage.risk import NONE, RiskAssessment, RiskDetector, risk_detector

URGENT = "urgent"
QUESTION, CLARIFY, NEEDS_PERSON = "question", "clarify", "needs_person"
OUT_OF_SCOPE, SMALL_TALK = "out_of_scope", "small_talk"
ROUTE_OF_LABEL = {"vague": CLARIFY}
# A sentence this sure that only a person can help settles it, even in a long message.
PERSON_SENTENCE_MIN = 0.7
# Below this score, and with no risk pattern, an out-of-scope request in sure words is
# not read as a risk: the model's middling scores are where its false alarms are.
SURE_WORDS_OUTWEIGH = 0.5


MODEL, SURE_WORDS = "model", "sure_words"


@dataclass(frozen=True)
class Decision:
    route: str
    kind: str | None = None        # the kind of risk, subject out of scope, or reason
    concern: bool = False          # a possible risk inside an ordinary question
    confidence: float = 1.0        # the route model's probability for the route
    risk_score: float = 0.0
    by: str = SURE_WORDS           # what decided the route: the model, or sure words

    def as_dict(self) -> dict[str, object]:
        return {"route": self.route, "kind": self.kind, "concern": self.concern,
                "confidence": round(self.confidence, 3), "risk_score": round(self.risk_score, 3),
                "by": self.by}


@dataclass(frozen=True)
class SureWords:
    out_of_scope: dict[str, list[re.Pattern[str]]]
    not_other_nation: list[re.Pattern[str]]
    needs_person: dict[str, list[re.Pattern[str]]]
    vague_words: frozenset[str]     # a message of only one of these is too vague
    filler: frozenset[str]
    no_content: frozenset[str]      # nor is a question made only of these
    question_words: frozenset[str]


def _compiled(groups: dict[str, list[str]]) -> dict[str, list[re.Pattern[str]]]:
    return {kind: [re.compile(p) for p in patterns] for kind, patterns in groups.items()}


@functools.lru_cache(maxsize=1)
def sure_words() -> SureWords:
    source = read_yaml(SOURCE_DIR / "routes.yml")
    scope = dict(source["out_of_scope"])
    unless = [re.compile(p) for p in scope.pop("other_nation_unless")]
    clarify = parse_clarify(load_guides()["clarify"])
    single = {w for term in clarify.terms for w in term.words if " " not in w}
    return SureWords(_compiled(scope), unless, _compiled(source["needs_person"]),
                     frozenset(single), frozenset(source["filler"]),
                     frozenset(source["no_content"]), frozenset(source["question_words"]))


def _sure_kind(plain: str, groups: dict[str, list[re.Pattern[str]]]) -> str | None:
    return next((kind for kind, patterns in groups.items()
                 if any(p.search(plain) for p in patterns)), None)


def _too_vague(plain: str, words: SureWords) -> bool:
    """The message is one word the clarifying questions know ("review??", "my son's
    plan"), or a question with no word that says what it is about ("can they do that")."""
    said = re.findall(r"[a-z0-9']+|\?+", plain)
    left = [w for w in said if w not in words.filler and not w.startswith("?")]
    if len(left) == 1 and left[0] in words.vague_words:
        return True
    return bool(said) and all(w in words.no_content or w in words.filler for w in said) \
        and any(w in words.question_words for w in said)


def _sure_scope(plain: str, words: SureWords) -> str | None:
    kind = _sure_kind(plain, words.out_of_scope)
    if kind == "other_nation" and any(p.search(plain) for p in words.not_other_nation):
        return None
    return kind


class Router:
    def __init__(self, risk: RiskDetector, routes: LinearModel | None,
                 scope_kinds: LinearModel | None, person_kinds: LinearModel | None) -> None:
        self.risk = risk
        self.routes = routes
        self.scope_kinds = scope_kinds
        self.person_kinds = person_kinds

    def decide(self, text: str) -> Decision:
        risk = self.risk.assess(text)
        route, kind, confidence, by = self._route(text)
        if risk.urgent and not self._plainly_something_else(risk, route, by):
            return Decision(URGENT, risk.kind, risk_score=risk.score)
        return Decision(route, kind, concern=risk.level != NONE, confidence=confidence,
                        risk_score=risk.score, by=by)

    @staticmethod
    def _plainly_something_else(risk: RiskAssessment, route: str, by: str) -> bool:
        """A request the sure words put out of scope ("what dose of melatonin for a
        6-year-old"), with no risk pattern and only a middling score from the model, gets
        the safety line with its answer rather than urgent help."""
        return route == OUT_OF_SCOPE and by == SURE_WORDS and not risk.patterns and \
            risk.score < SURE_WORDS_OUTWEIGH

    def _route(self, text: str) -> tuple[str, str | None, float, str]:
        plain = normalise(text)
        words = sure_words()
        scope = _sure_scope(plain, words)
        if scope:
            return OUT_OF_SCOPE, scope, 1.0, SURE_WORDS
        person = _sure_kind(plain, words.needs_person)
        if person:
            return NEEDS_PERSON, person, 1.0, SURE_WORDS
        if _too_vague(plain, words):
            return CLARIFY, None, 1.0, SURE_WORDS
        if self.routes is None:
            return QUESTION, None, 0.0, MODEL
        label, confidence = self.routes.best(features(text, self.routes.letters))
        if label != NEEDS_PERSON and self._person_sentence(text):
            label, confidence = NEEDS_PERSON, PERSON_SENTENCE_MIN
        route = ROUTE_OF_LABEL.get(label, label)
        return route, self._kind(route, text), confidence, MODEL

    def _person_sentence(self, text: str) -> bool:
        """One sentence of a longer message asks for a person, and the model is sure."""
        assert self.routes is not None
        parts = sentences(text)
        return len(parts) > 1 and any(
            self.routes.probabilities(features(part, self.routes.letters))[NEEDS_PERSON]
            >= PERSON_SENTENCE_MIN for part in parts)

    def _kind(self, route: str, text: str) -> str | None:
        model = {OUT_OF_SCOPE: self.scope_kinds, NEEDS_PERSON: self.person_kinds}.get(route)
        return model.best(features(text, model.letters))[0] if model else None


@functools.lru_cache(maxsize=1)
def router() -> Router:
    """The router with the trained models in var/triage (the patterns alone, and every
    other message a question, if they have not been built)."""
    return Router(risk_detector(), load_model("routes"), load_model("scope_kinds"),
                  load_model("person_kinds"))

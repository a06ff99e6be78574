"""A logistic regression over named features, saved as plain JSON.

Each feature present counts by its inverse document frequency (rare features count
more), and the message's vector is scaled to length 1, so that a long message does
not look risky just because it has many words (tf-idf; in cross-validation this cut
false alarms on ordinary messages by a third against plain counts). Trained with
scikit-learn (in the Rasa environment, which has it) and read back with nothing but
the standard library, so the web app can use the same model without numpy or
scikit-learn.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Sequence

# Weights this small change no probability that matters; leaving them out keeps the
# file small and loading quick.
SMALLEST_WEIGHT = 1e-4
# Scaled vectors need weaker regularisation than plain counts (chosen by cross-validation).
REGULARISATION = 30.0
# Letter groups ("c:") count for less than words: a word's many letter groups would
# otherwise outvote everything else in a short message ("got a letter today" read as
# risk through the letter groups of "today"). In cross-validation, 0.3 cut false alarms
# on near-misses by a quarter at the same recall.
LETTER_GROUP_SHARE = 0.3


def share(feature: str) -> float:
    return LETTER_GROUP_SHARE if feature.startswith("c:") else 1.0


@dataclass(frozen=True)
class LinearModel:
    classes: tuple[str, ...]
    # feature -> one weight per class (a single weight, for the second class, when there
    # are two classes)
    weights: dict[str, tuple[float, ...]]
    bias: tuple[float, ...]
    idf: dict[str, float]
    letters: bool = True
    settings: dict[str, float] = field(default_factory=dict)

    def probabilities(self, features: Iterable[str]) -> dict[str, float]:
        values = {f: self.idf[f] * share(f) for f in set(features) if f in self.idf}
        length = math.sqrt(sum(v * v for v in values.values())) or 1.0
        scores = list(self.bias)
        for feature, value in values.items():
            value /= length
            for i, weight in enumerate(self.weights.get(feature, ())):
                scores[i] += weight * value
        if len(self.classes) == 2:
            second = 1 / (1 + math.exp(-max(min(scores[0], 50.0), -50.0)))
            return {self.classes[0]: 1 - second, self.classes[1]: second}
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes, exps)}

    def best(self, features: Iterable[str]) -> tuple[str, float]:
        probabilities = self.probabilities(features)
        label = max(probabilities, key=probabilities.__getitem__)
        return label, probabilities[label]

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps({
            "classes": self.classes, "bias": self.bias, "letters": self.letters,
            "settings": self.settings, "idf": {f: round(v, 5) for f, v in self.idf.items()},
            "weights": {f: [round(w, 5) for w in ws] for f, ws in self.weights.items()}}))
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> "LinearModel":
        data = json.loads(path.read_text())
        return cls(classes=tuple(data["classes"]), bias=tuple(data["bias"]),
                   idf=dict(data["idf"]), letters=data["letters"],
                   settings=dict(data["settings"]),
                   weights={f: tuple(ws) for f, ws in data["weights"].items()})


def fit(examples: Sequence[set[str]], labels: Sequence[str], letters: bool,
        regularisation: float = REGULARISATION, min_count: int = 2,
        weights: Sequence[float] | None = None) -> LinearModel:
    """Train on feature sets. Features seen fewer than min_count times are left out.
    Classes are balanced, so a small class counts as much as a large one."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.linear_model import LogisticRegression

    from scipy.sparse import diags
    from sklearn.preprocessing import normalize

    counts = Counter(f for example in examples for f in example)
    kept = [{f: 1 for f in example if counts[f] >= min_count} for example in examples]
    vectorizer = DictVectorizer()
    tfidf = TfidfTransformer(norm=None)
    counted = tfidf.fit_transform(vectorizer.fit_transform(kept))
    names = [str(name) for name in vectorizer.get_feature_names_out()]
    matrix = normalize(counted @ diags([share(name) for name in names]))
    model = LogisticRegression(C=regularisation, class_weight="balanced", max_iter=3000,
                               random_state=0,
                               solver="liblinear" if len(set(labels)) == 2 else "lbfgs")
    model.fit(matrix, list(labels), sample_weight=weights)
    coef = model.coef_.T
    return LinearModel(
        classes=tuple(str(c) for c in model.classes_),
        weights={name: tuple(float(w) for w in row) for name, row in zip(names, coef)
                 if max(abs(w) for w in row) >= SMALLEST_WEIGHT},
        bias=tuple(float(b) for b in model.intercept_),
        idf={name: float(v) for name, v in zip(names, tfidf.idf_)},
        letters=letters)

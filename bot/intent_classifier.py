"""Rasa's logistic regression intent classifier, reading what it needs the short way.

- scikit-learn scores a message with `features @ coef_.T`. Stored row by row, `coef_.T`
  is copied whole for every message (about 43 intents by every word and character
  n-gram): 2 to 3 ms a turn, a tenth of Rasa's time in bench/load.py's profile. Stored
  column by column, the transpose is read in place.
- Rasa gathers a message's features by combining every featurizer's sequence and
  sentence features, copying the first of each, then stacks them twice; the classifier
  only uses the sentence features. They are now put side by side once, as one row
  built directly: scipy's general `hstack` and `vstack` were a twentieth of Rasa's time.

The features, the numbers, and so the predictions, are the same (tested against Rasa's
class); training is Rasa's own.
"""

from __future__ import annotations

from typing import Any, List

import numpy as np
import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers import logistic_regression_classifier as rasa_classifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, TEXT
from rasa.shared.nlu.training_data.message import Message


def sentence_features(message: Message) -> scipy.sparse.csr_matrix:
    """One row: the message's sparse sentence features from every featurizer, in order,
    then its dense ones, as Rasa's `_create_X` puts them together."""
    blocks = [f.features.tocoo() for f in message.features
              if f.attribute == TEXT and f.is_sparse() and f.type == FEATURE_TYPE_SENTENCE]
    dense = message.get_dense_features(TEXT)[1]
    if dense is not None:
        blocks.append(scipy.sparse.coo_matrix(dense.features))
    return side_by_side(blocks)


def side_by_side(rows: list[scipy.sparse.coo_matrix]) -> scipy.sparse.csr_matrix:
    """One-row matrices joined left to right: what `scipy.sparse.hstack` gives, built
    straight from their values and columns."""
    if not rows:
        return scipy.sparse.csr_matrix((1, 0))
    offsets = np.cumsum([0] + [row.shape[1] for row in rows])
    values = np.concatenate([row.data for row in rows])
    columns = np.concatenate([row.col + offset for row, offset in zip(rows, offsets)])
    return scipy.sparse.csr_matrix((values, columns, [0, len(values)]),
                                   shape=(1, int(offsets[-1])))


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LogisticRegressionClassifier(rasa_classifier.LogisticRegressionClassifier):
    def _create_X(self, messages: List[Message]) -> scipy.sparse.csr_matrix:
        rows = [sentence_features(message) for message in messages]
        return rows[0] if len(rows) == 1 else scipy.sparse.vstack(rows, format="csr")

    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> "LogisticRegressionClassifier":
        component = super().load(*args, **kwargs)
        if hasattr(component.clf, "coef_"):     # untrained when Rasa found no model
            component.clf.coef_ = np.asfortranarray(component.clf.coef_)
        return component

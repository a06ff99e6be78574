"""Rasa's logistic regression intent classifier, with its weights laid out for the
way it reads them.

scikit-learn scores a message with `features @ coef_.T`. Stored row by row, `coef_.T`
is copied whole for every message (about 43 intents by every word and character
n-gram): 2 to 3 ms a turn, a tenth of Rasa's time in bench/load.py's profile. Stored
column by column, the transpose is read in place. The numbers, and so the
predictions, are the same; training is Rasa's own.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers import logistic_regression_classifier as rasa_classifier


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=True)
class LogisticRegressionClassifier(rasa_classifier.LogisticRegressionClassifier):
    @classmethod
    def load(cls, *args: Any, **kwargs: Any) -> "LogisticRegressionClassifier":
        component = super().load(*args, **kwargs)
        if hasattr(component.clf, "coef_"):     # untrained when Rasa found no model
            component.clf.coef_ = np.asfortranarray(component.clf.coef_)
        return component

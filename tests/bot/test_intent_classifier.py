"""Our logistic regression classifier predicts exactly what Rasa's does, from weights
laid out so that scoring a message copies nothing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import scipy.sparse
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.classifiers import logistic_regression_classifier as rasa_classifier
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.intent_classifier import LogisticRegressionClassifier

FEATURES, INTENTS = 300, ("greet", "explain_ehc_plan", "find_service", "thank")


def message(row: np.ndarray, intent: str | None = None) -> Message:
    found = Message(data={TEXT: "words", **({"intent": intent} if intent else {})})
    found.add_features(Features(scipy.sparse.coo_matrix(row), FEATURE_TYPE_SENTENCE, TEXT,
                                "test"))
    return found


def test_loaded_weights_are_read_in_place_and_predictions_are_rasas(tmp_path: Path) -> None:
    random = np.random.default_rng(7)
    rows = (random.random((80, FEATURES)) < 0.05).astype(float)
    storage, resource = LocalModelStorage(tmp_path), Resource("intents")
    context = ExecutionContext(GraphSchema({}), "test")
    config = rasa_classifier.LogisticRegressionClassifier.get_default_config()
    trainer = LogisticRegressionClassifier.create(config, storage, resource, context)
    trainer.train(TrainingData([message(row, INTENTS[n % len(INTENTS)])
                                for n, row in enumerate(rows)]))

    ours = LogisticRegressionClassifier.load(config, storage, resource, context)
    rasas = rasa_classifier.LogisticRegressionClassifier.load(config, storage, resource, context)
    assert ours.clf.coef_.T.flags.c_contiguous and not rasas.clf.coef_.T.flags.c_contiguous
    asked = [message(row) for row in (random.random((20, FEATURES)) < 0.05).astype(float)]
    again = [message(m.features[0].features.toarray()[0]) for m in asked]
    ours.process(asked)
    rasas.process(again)
    assert [m.get("intent_ranking") for m in asked] == [m.get("intent_ranking") for m in again]


def test_a_missing_model_still_gives_rasas_untrained_classifier(tmp_path: Path) -> None:
    config = rasa_classifier.LogisticRegressionClassifier.get_default_config()
    component = LogisticRegressionClassifier.load(
        config, LocalModelStorage(tmp_path), Resource("missing"),
        ExecutionContext(GraphSchema({}), "test"))
    assert not hasattr(component.clf, "coef_")


def featurised(words: int, dense: bool) -> Message:
    """A message with sequence and sentence features from two sparse featurizers, and
    dense ones if asked, as Rasa's pipeline leaves it."""
    random = np.random.default_rng(words)
    found = Message(data={TEXT: "words"})
    for origin, width in (("words", 30), ("characters", 50)):
        for kind, rows in ((FEATURE_TYPE_SEQUENCE, words), (FEATURE_TYPE_SENTENCE, 1)):
            found.add_features(Features(scipy.sparse.coo_matrix(
                (random.random((rows, width)) < 0.2).astype(float)), kind, TEXT, origin))
    if dense:
        found.add_features(Features(random.random((1, 4)), FEATURE_TYPE_SENTENCE, TEXT, "d"))
    return found


def test_features_are_put_together_as_rasa_does(tmp_path: Path) -> None:
    config = rasa_classifier.LogisticRegressionClassifier.get_default_config()
    storage = LocalModelStorage(tmp_path)
    ours = LogisticRegressionClassifier(config, "ours", storage, Resource("ours"))
    rasas = rasa_classifier.LogisticRegressionClassifier(config, "rasas", storage,
                                                         Resource("rasas"))
    for dense in (False, True):
        for lengths in ((1, 3, 7), (5,)):     # training, and one message as Rasa runs
            messages = [featurised(words, dense) for words in lengths]
            ours_x, rasas_x = ours._create_X(messages), rasas._create_X(messages)
            assert ours_x.shape == rasas_x.shape == (len(lengths), 80 + 4 * dense)
            assert ours_x.dtype == rasas_x.dtype
            assert (ours_x != rasas_x).nnz == 0

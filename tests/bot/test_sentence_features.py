"""Our count-vector featurizer makes Rasa's sentence features, and no sequence features."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer import count_vectors_featurizer as rasa_featurizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.sentence_features import CountVectorsFeaturizer

TRAINING = ["what is an ehcp", "how do annual reviews work", "what are direct payments",
            "my son has autism and school will not assess him", "short breaks for carers"]
ASKED = ["what is a personal budget", "anual reveiw next week", "ehcp", ""]


def tokenised(texts: list[str]) -> list[Message]:
    messages = [Message(data={TEXT: text, "intent": "x"}) for text in texts]
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    tokenizer.process(messages)
    return messages


@pytest.mark.parametrize("config", [{}, {"analyzer": "char_wb", "min_ngram": 1,
                                         "max_ngram": 5}])
def test_sentence_features_are_rasas_and_sequence_features_are_not_made(
        tmp_path: Path, config: dict) -> None:
    def trained(component: type) -> rasa_featurizer.CountVectorsFeaturizer:
        featurizer = component.create({**component.get_default_config(), **config},
                                      LocalModelStorage(tmp_path), Resource(component.__module__),
                                      ExecutionContext(GraphSchema({}), "test"))
        featurizer.train(TrainingData(tokenised(TRAINING)))
        return featurizer

    ours, rasas = trained(CountVectorsFeaturizer), trained(rasa_featurizer.CountVectorsFeaturizer)
    for text in ASKED:
        [mine], [theirs] = tokenised([text]), tokenised([text])
        ours.process([mine])
        rasas.process([theirs])
        assert mine.get_sparse_features(TEXT)[0] is None
        assert not [f for f in mine.features if f.type == FEATURE_TYPE_SEQUENCE]
        mine_sentence, theirs_sentence = (m.get_sparse_features(TEXT)[1] for m in (mine, theirs))
        if theirs_sentence is None:
            assert mine_sentence is None
            continue
        assert mine_sentence.type == FEATURE_TYPE_SENTENCE
        assert (mine_sentence.features != theirs_sentence.features).nnz == 0

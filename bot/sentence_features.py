"""Rasa's count-vector featurizer, making only the features our classifier reads.

Rasa's `CountVectorsFeaturizer` makes two kinds of features for every message: one
row per token (sequence features, for DIET and TED) and one row for the whole message
(sentence features). Our pipeline has neither DIET nor TED: the logistic regression
classifier reads only the sentence features, so making the sequence ones was half of
the featurizer's work for nothing (about 4% of Rasa's time a turn in bench/load.py's
profile). This featurizer is Rasa's, trained the same way; it makes the same sentence
features (tested against Rasa's) and no sequence features.
"""

from __future__ import annotations

from typing import List, Optional, Text, Tuple

import scipy.sparse
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES
from rasa.nlu.featurizers.sparse_featurizer import count_vectors_featurizer as rasa_featurizer

Rows = List[Optional[scipy.sparse.spmatrix]]


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class CountVectorsFeaturizer(rasa_featurizer.CountVectorsFeaturizer):
    def _create_features(self, attribute: Text, all_tokens: List[List[Text]]
                         ) -> Tuple[Rows, Rows]:
        vectorizer = self.vectorizers.get(attribute)
        if not vectorizer:
            return [None], [None]
        sentences: Rows = []
        for tokens in all_tokens:
            if not tokens or attribute not in DENSE_FEATURIZABLE_ATTRIBUTES:
                sentences.append(None)
                continue
            sentence = vectorizer.transform([" ".join(tokens)])
            sentence.sort_indices()
            sentences.append(sentence.tocoo())
        return [None] * len(all_tokens), sentences

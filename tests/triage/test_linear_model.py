"""The saved model reads back exactly and scores as a logistic regression on tf-idf
vectors should."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from triage.linear_model import LinearModel


def sigmoid(x: float) -> float:
    return 1 / (1 + math.exp(-x))


def test_two_classes_score_the_second_with_the_logistic_function() -> None:
    model = LinearModel(("none", "risk"), {"w:cut": (2.0,), "w:hair": (-3.0,)}, (-1.0,),
                        idf={"w:cut": 3.0, "w:hair": 4.0})
    assert model.probabilities({"w:cut"})["risk"] == pytest.approx(sigmoid(-1.0 + 2.0))
    # scaled to length 1: cut counts 3/5 and hair 4/5
    assert model.probabilities({"w:cut", "w:hair"})["risk"] == pytest.approx(
        sigmoid(-1.0 + 2.0 * 0.6 - 3.0 * 0.8))
    assert model.probabilities({"w:unknown"})["none"] == pytest.approx(1 - sigmoid(-1.0))


def test_a_feature_without_weight_still_counts_in_the_length() -> None:
    model = LinearModel(("none", "risk"), {"w:cut": (2.0,)}, (0.0,),
                        idf={"w:cut": 1.0, "w:the": 1.0})
    assert model.probabilities({"w:cut", "w:the"})["risk"] == pytest.approx(
        sigmoid(2.0 / math.sqrt(2)))


def test_several_classes_score_with_softmax_and_best_picks_the_highest() -> None:
    model = LinearModel(("a", "b", "c"), {"w:x": (0.0, 2.0, 1.0)}, (0.0, 0.0, 0.0),
                        idf={"w:x": 1.0})
    scores = model.probabilities({"w:x"})
    total = 1 + math.exp(2) + math.exp(1)
    assert scores["b"] == pytest.approx(math.exp(2) / total)
    assert model.best({"w:x"})[0] == "b"
    assert sum(scores.values()) == pytest.approx(1.0)


def test_a_saved_model_reads_back_with_its_settings(tmp_path: Path) -> None:
    model = LinearModel(("none", "risk"), {"w:cut": (1.23456,)}, (-0.5,),
                        idf={"w:cut": 2.5}, letters=False, settings={"urgent": 0.3})
    path = tmp_path / "nested" / "risk.json"
    model.save(path)
    assert LinearModel.load(path) == model
    assert not path.with_suffix(".tmp").exists()


def test_letter_groups_count_for_less_than_words() -> None:
    model = LinearModel(("none", "risk"), {"c:tod": (1.0,), "w:today": (1.0,)}, (0.0,),
                        idf={"c:tod": 1.0, "w:today": 1.0})
    word, group = 1.0, 0.3    # the letter group's share
    length = math.sqrt(word ** 2 + group ** 2)
    assert model.probabilities({"c:tod", "w:today"})["risk"] == pytest.approx(
        sigmoid((word + group) / length))

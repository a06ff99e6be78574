"""A message is read whole, and a long one three sentences at a time."""

from __future__ import annotations

from triage.pieces import pieces, sentences


def test_a_risk_in_the_middle_of_a_long_question_is_read_with_its_neighbours() -> None:
    message = ("Our annual review is on Monday. I want to ask about transport. The taxi is "
               "late every day. He said he would rather be dead than go back. Also who "
               "writes the report? And when?")
    found = pieces(message)
    assert found[0] == message
    assert "The taxi is late every day. He said he would rather be dead than go back. " \
           "Also who writes the report?" in found
    assert len(found) == 1 + len(sentences(message)) - 2


def test_sentences_split_at_stops_line_breaks_semicolons_and_dashes() -> None:
    assert sentences("one. two?\nthree; four - five... six") == [
        "one.", "two?", "three", "four", "five", "six"]


def test_a_short_message_is_one_piece() -> None:
    assert pieces("he is hurting himself. what do i do") == [
        "he is hurting himself. what do i do"]

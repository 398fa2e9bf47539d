"""Issue 16, item 3: descriptions that pick out one person are confirmed."""

import pytest

from .helpers import found


@pytest.mark.parametrize(
    "text, detail",
    [
        ("He was the retired headteacher of the village school.", "the retired headteacher of the village school"),
        ("They live in the only thatched cottage on the green.", "the only thatched cottage on the green"),
        ("Her husband is the local vicar.", "the local vicar"),
        ("She is the landlady of the pub on the corner.", "the landlady of the pub"),
        ("He runs the corner shop with his son.", "runs the corner shop"),
        ("She owns the village shop.", "owns the village shop"),
        ("He runs Hartley's Bakery.", "Hartley's Bakery"),
        ("His son owns Patel & Sons, the builders.", "Patel & Sons"),
        ("He is the oldest man in the village.", "the oldest man in the village"),
        ("She is the chair of the parish council.", "the chair of the parish council"),
        ("Her uncle is the MP for the area.", "the MP for the area"),
    ],
)
def test_a_detail_that_singles_someone_out_is_confirmed(text, detail):
    assert found(text, "UNIQUE", "confirm") == [detail]


@pytest.mark.parametrize(
    "text",
    [
        "He is a retired teacher who lives in a village outside the town.",
        "She ran a small shop for thirty years.",
        "The only way to get to the clinic is by bus.",
        "The only thing she wanted was to stay at home.",
        "The Bakery was closed on Monday.",
        "The Community Café runs on Fridays.",
        "The practice manager of the surgery agreed the rota.",
        "I am the only care coordinator in the practice.",
    ],
)
def test_ordinary_descriptions_are_left_alone(text):
    assert found(text, "UNIQUE") == []

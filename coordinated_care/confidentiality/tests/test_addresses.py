import pytest

from .helpers import found, interrupting


@pytest.mark.parametrize(
    "text, address",
    [
        ("She lives at Flat 2, 14 Elm Road, above the chemist.", "Flat 2, 14 Elm Road"),
        ("The new address is 27 Victoria Avenue, Smethwick.", "27 Victoria Avenue"),
        ("He has lived at 41a Coventry Road since 1975.", "41a Coventry Road"),
        ("She has moved to 3 Laburnum Close to be nearer.", "3 Laburnum Close"),
        ("Her son gave the address as Flat 12, Meadow Court, near the park.", "Flat 12, Meadow Court"),
        ("He lives at 14 elm road now.", "14 elm road"),
        ("She lives on Holly Lane with her cat.", "Holly Lane"),
    ],
)
def test_addresses_block(text, address):
    assert found(text, "ADDRESS", "block") == [address]


def test_a_street_name_alone_only_warns():
    text = "We met at the café on Broad Street."
    assert found(text, "ADDRESS", "warn") == ["Broad Street"]
    assert interrupting(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "I work at the Station Road surgery on Tuesdays.",
        "The patient was admitted to Ward 4.",
        "I presented to the team in Room 3 at the health centre.",
        "I saw 3 people on the road outside.",
        "Dr Lane said the review went well.",
    ],
)
def test_places_of_work_and_rooms_are_not_home_addresses(text):
    assert found(text, "ADDRESS", "block") == []

import pytest

from .helpers import found, interrupting


@pytest.mark.parametrize(
    "text, date",
    [
        ("He was born on 3rd March 1950 in Jamaica.", "3rd March 1950"),
        ("DOB 03/03/1950 on the form.", "03/03/1950"),
        ("D.O.B: 3/3/50 at the top.", "3/3/50"),
        ("d.o.b. 12.11.1938", "12.11.1938"),
        ("Date of birth: 1 February 1947.", "1 February 1947"),
        ("She was born on the 3rd of March 1950.", "3rd of March 1950"),
        ("He was born March 3, 1950, in Walsall.", "March 3, 1950"),
        ("Her birthday is on 5th May.", "5th May"),
        ("She was born in March 1945 and moved here later.", "March 1945"),
        ("The letter gave the DOB as 22/09/1939, which was wrong.", "22/09/1939"),
    ],
)
def test_dates_of_birth_block(text, date):
    assert found(text, "DATE_OF_BIRTH", "block") == [date]


def test_a_full_date_before_2000_blocks_even_without_a_cue():
    assert found("Mr K (14/07/1941) was referred.", "DATE_OF_BIRTH", "block") == ["14/07/1941"]


@pytest.mark.parametrize(
    "text",
    [
        "In March we started a new walking group with Age UK.",
        "On 3rd March I attended a workshop about safeguarding.",
        "By April I had completed the first three workshops.",
        "The appointment is on 12.06.2024 and transport is booked.",
        "The next review is planned for June.",
        "May's workshop was about relationships.",
    ],
)
def test_dates_that_identify_nobody_do_not_interrupt(text):
    assert interrupting(text) == []


@pytest.mark.parametrize(
    "text, age",
    [
        ("Mrs X, aged 84, lives alone.", "aged 84"),
        ("An 84-year-old woman was referred.", "84-year-old"),
        ("A 91 year old man fell twice.", "91 year old"),
        ("He is 76 years old and still drives.", "76 years old"),
        ("The gentleman was 92 and still living independently.", "92"),
        ("The patient is a woman of 84 who lives with her son.", "woman of 84"),
        ("He was born in 1950.", "1950"),
        ("She is aged eighty-four and lives alone.", "aged eighty-four"),
        ("An eighty-four-year-old man was referred.", "eighty-four-year-old"),
    ],
)
def test_exact_ages_warn(text, age):
    assert age in found(text, "AGE", "warn")


@pytest.mark.parametrize(
    "text", ["The wait was 18 weeks.", "The score was 12 out of 20.", "The list size is 12,500.", "BP was 150/90."]
)
def test_numbers_after_was_are_not_always_ages(text):
    assert found(text, "AGE") == []


def test_a_date_tied_to_a_life_event_warns():
    text = "She died on 3rd March at home, as she had wished."
    assert found(text, "PERSONAL_DATE", "warn") == ["died on 3rd March"]
    assert interrupting(text) == []

"""Issue 16, item 6: the obfuscations a real writer produces are found, and each finding marks the
characters as written, whatever the normalisation did to read them."""

import pytest

from coordinated_care.confidentiality import service
from coordinated_care.confidentiality.findings import Action
from coordinated_care.confidentiality.normalise import normalise
from coordinated_care.confidentiality.service import chunks, scan

from .helpers import found

VALID = "943 476 5919"  # passes the modulus 11 check


@pytest.mark.parametrize(
    "number",
    [
        "943.476.5919",
        "943 476 591 9",
        "943 476\n5919",
        "943\r\n476 5919",
        "943\u00a0476\u00a05919",  # no-break space
        "943\u2009476\u20095919",  # thin space
        "943\u202f476\u202f5919",  # narrow no-break space
        "943\u200b476\u200b5919",  # zero-width space
        "9434\u20607659\ufeff19",  # word joiner, byte-order mark
        "\uff19\uff14\uff13\uff14\uff17\uff16\uff15\uff19\uff11\uff19",  # full-width digits
        "94 34 76 59 19",
        "nine four three four seven six five nine one nine",
        "Nine, four, three, four, seven, six, five, nine, one, nine",
        "nine four three - four seven six - five nine one nine",
    ],
)
def test_an_nhs_number_however_it_is_written_blocks_and_marks_what_was_written(number):
    text = f"Her NHS number is {number} and she rang twice."
    [finding] = [f for f in scan(text) if f.type == "NHS_NUMBER"]
    assert finding.action == Action.BLOCK
    assert text[finding.start : finding.end] == number


def test_an_obfuscated_number_with_a_wrong_check_digit_is_not_reported_as_an_nhs_number():
    # "943.476.5918" fails the check: dots and odd groupings are too common in other numbers to block on shape.
    assert found("The serial was 943.476.5918 on the box.", "NHS_NUMBER") == []


def test_a_title_and_an_initial_with_a_full_stop():
    assert found("I spoke to Mrs J. Smith about her medicines.", "PERSON") == ["Mrs J. Smith"]
    assert found("Dr A. Khan rang back.", "PERSON") == ["Dr A. Khan"]
    assert found("Mrs J Smith rang back.", "PERSON") == ["Mrs J Smith"]


@pytest.mark.parametrize("postcode", ["B15  2TT", "B15\u00a02TT", "B15\t2TT", "B15\n2TT", "ｂ１５ ２ｔｔ"])
def test_a_postcode_with_odd_spaces_or_full_width_letters(postcode):
    text = f"She lives at {postcode} now."
    assert found(text, "POSTCODE", "block") == [postcode]


@pytest.mark.parametrize(
    "text, date",
    [
        ("date of birth: 1945-03-12", "1945-03-12"),
        ("DOB 1938/11/02 on the form", "1938/11/02"),
        ("She was born on 1950-7-4.", "1950-7-4"),
    ],
)
def test_an_iso_date_of_birth_blocks(text, date):
    assert found(text, "DATE_OF_BIRTH", "block") == [date]


def test_a_recent_iso_date_without_a_birth_cue_is_not_a_date_of_birth():
    assert found("The review on 2024-03-12 went well.", "DATE_OF_BIRTH") == []


def test_a_name_split_by_a_zero_width_space_is_found_as_written():
    text = "I met Mrs Pat\u200bel today."
    assert found(text, "PERSON") == ["Mrs Pat\u200bel"]


def test_offsets_map_back_past_removed_and_collapsed_characters():
    text = "\u200b\u200bMrs   Begum\u00a0rang from 07700\u2009900123."
    findings = scan(text)
    assert [(text[f.start : f.end], f.type) for f in findings] == [
        ("Mrs   Begum", "PERSON"),
        ("07700\u2009900123", "PHONE_NUMBER"),
    ]


def test_normalise_keeps_a_map_from_each_character_to_the_original():
    original = "A\u00a0\u00a0b\u200bc\r\nd ５"
    n = normalise(original)
    assert n.text == "A bc\nd 5"
    assert n.original_span(0, len(n.text)) == (0, len(original))
    assert original[slice(*n.original_span(1, 2))] == "\u00a0\u00a0"
    assert original[slice(*n.original_span(2, 4))] == "b\u200bc"
    assert original[slice(*n.original_span(4, 5))] == "\r\n"
    assert original[slice(*n.original_span(7, 8))] == "５"


def test_ordinary_prose_with_number_words_is_left_as_it_is():
    text = "One or two people came, then three more; four of them stayed for tea."
    assert normalise(text).text == text
    assert found(text) == []


def test_a_line_break_between_words_is_kept_for_the_name_rules():
    assert normalise("Dear team\nThank you").text == "Dear team\nThank you"


def test_chunks_cover_the_text_overlap_and_start_on_words():
    text = " ".join(f"word{i}" for i in range(5000))
    pieces = list(chunks(text, size=1000, overlap=100))
    assert pieces[0][0] == 0
    assert pieces[-1][0] + len(pieces[-1][1]) == len(text)
    for (start, piece), (next_start, _) in zip(pieces, pieces[1:], strict=False):
        assert len(piece) <= 1000
        assert next_start < start + len(piece)  # they overlap
        assert text[next_start - 1] == " "  # and the next starts on a word
    assert all(text[start : start + len(piece)] == piece for start, piece in pieces)


@pytest.mark.parametrize("shift", range(0, 40, 3))
def test_an_identifier_on_a_chunk_boundary_is_found_whole_once(monkeypatch, shift):
    monkeypatch.setattr(service, "CHUNK_CHARACTERS", 300)
    monkeypatch.setattr(service, "CHUNK_OVERLAP", 60)
    filler = "We met at the surgery and agreed the plan for the week. " * 5
    text = filler[: 270 + shift] + f" His NHS number is {VALID} and Mrs Begum rang. " + filler
    findings = scan(text)
    assert [text[f.start : f.end] for f in findings if f.type == "NHS_NUMBER"] == [VALID]
    assert [text[f.start : f.end] for f in findings if f.type == "PERSON"] == ["Mrs Begum"]


def test_a_text_of_one_and_a_half_million_characters_is_scanned_without_error():
    # Long runs of digits, one token each and no identifier's shape, keep the model's work small; the
    # size is what spaCy's max_length (a million characters) refused with an error.
    filler = "1234567890123456789012345678901234567890123456789 " * 30_000
    text = filler[:700_000] + f"NHS number {VALID} " + filler[:300_000] + "postcode B15 2TT " + filler[:500_000]
    assert len(text) > 1_500_000
    findings = scan(text)
    assert [(text[f.start : f.end], f.type) for f in findings] == [(VALID, "NHS_NUMBER"), ("B15 2TT", "POSTCODE")]


def test_a_page_of_rules_is_read_quickly_as_a_few_symbols():
    text = ("=" * 49 + "\n") * 5_000 + f"NHS number {VALID}"
    n = normalise(text)
    assert len(n.text) < 25_000
    assert [text[f.start : f.end] for f in scan(text)] == [VALID]

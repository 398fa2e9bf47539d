import pytest

from coordinated_care.confidentiality.recognisers.identifiers import is_uk_phone_number, nhs_check_digit_is_valid
from coordinated_care.confidentiality.service import scan

from .helpers import found


@pytest.mark.parametrize("number", ["9434765919", "4010232137", "5075291708", "3423667125"])
def test_valid_nhs_check_digits(number):
    assert nhs_check_digit_is_valid(number)


@pytest.mark.parametrize("number", ["9434765918", "4010232138", "1234567890", "943476591", "94347659190", "abcdefghij"])
def test_invalid_nhs_check_digits(number):
    assert not nhs_check_digit_is_valid(number)


def test_a_check_digit_of_ten_is_never_valid():
    # 000000006x: 6 x 2 = 12 leaves a remainder of 1, so the check digit would be 10, which no number has.
    assert not any(nhs_check_digit_is_valid("000000006" + str(d)) for d in range(10))


@pytest.mark.parametrize(
    "text, number",
    [
        ("His NHS number is 943 476 5919.", "943 476 5919"),
        ("NHS no. 943-476-5919 on the letter", "943-476-5919"),
        ("I checked 9434765919 on the spine.", "9434765919"),
    ],
)
def test_nhs_numbers_block(text, number):
    assert found(text, "NHS_NUMBER", "block") == [number]


def test_ten_digits_shaped_like_an_nhs_number_block_even_with_a_wrong_check_digit():
    text = "The letter quoted 943 476 5918 as his NHS number."
    [finding] = scan(text)
    assert (finding.type, finding.action) == ("NHS_NUMBER", "block")
    assert "ten digits" in finding.explanation
    assert finding.score < 1.0


@pytest.mark.parametrize(
    "text, postcode",
    [
        ("She lives near B15 2TT now.", "B15 2TT"),
        ("The form said b20 3rp.", "b20 3rp"),
        ("Written as B152TT with no space.", "B152TT"),
        ("Old address in SW1A 1AA.", "SW1A 1AA"),
        ("Postcode WS10 8XY", "WS10 8XY"),
        ("ne1 4st", "ne1 4st"),
    ],
)
def test_postcodes_block(text, postcode):
    assert found(text, "POSTCODE", "block") == [postcode]


@pytest.mark.parametrize(
    "text",
    [
        "We met at WS1 and again at WS12.",
        "After WS1 2nd session we agreed the plan.",
        "The physio reviewed him at 6/52.",
        "She lives in the B15 area of the city.",
        "BP 150/90, HbA1c 48, review in 3/12.",
    ],
)
def test_things_that_are_not_postcodes(text):
    assert found(text, "POSTCODE") == []


@pytest.mark.parametrize(
    "number",
    [
        "07700 900123",
        "07700900456",
        "07700 900 123",
        "07700-900-432",
        "+44 7700 900789",
        "+447700900111",
        "+44 (0)121 496 0987",
        "+44(0)7700 900123",
        "0044 7700 900123",
        "(0121) 496 0456",
        "0121-496-0789",
        "0121 496 0000",
        "0121 4960000",
        "020 7946 0321",
        "01632 960123",
        "0800 123 4567",
        "0808 157 0192",
        "0300 123 1234",
    ],
)
def test_uk_phone_numbers_block_in_every_common_format(number):
    text = f"Please ring {number} after lunch."
    assert found(text, "PHONE_NUMBER", "block") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Call 111 out of hours or 999 in an emergency.",
        "The list size is 12,500 and we saw 45,000 people.",
        "The appointment is at 10:30 on 12.06.2024.",
        "In 2023 about 1 in 5 people lived alone.",
        "He weighs 0.5 kg more than last week.",
    ],
)
def test_numbers_that_are_not_phone_numbers(text):
    assert found(text, "PHONE_NUMBER") == []
    assert found(text, "NHS_NUMBER") == []


def test_phone_number_digit_counts():
    assert is_uk_phone_number("0121 496 0000")
    assert not is_uk_phone_number("0121 496 00")
    assert not is_uk_phone_number("0421 496 0000")  # no UK number starts 04


@pytest.mark.parametrize("email", ["sunita.k87@gmail.com", "r.whitfield@nhs.net", "declan_fitz+care@hotmail.co.uk"])
def test_email_addresses_block(email):
    assert found(f"Send it to {email} please.", "EMAIL_ADDRESS", "block") == [email]

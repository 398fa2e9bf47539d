"""Issue 16, item 2: hospital numbers, MRNs and service reference numbers block."""

import json

import pytest

from .helpers import found


@pytest.mark.parametrize(
    "text, number",
    [
        ("Hospital number RX1234567 was on the letter.", "RX1234567"),
        ("Her hospital no. is K4471823.", "K4471823"),
        ("Hosp no: B8812305. The appointment was cancelled.", "B8812305"),
        ("The MRN is 20739184.", "20739184"),
        ("MRN: 3057 1946 on the summary.", "3057 1946"),
        ("The MRN on the discharge summary was 30571946.", "30571946"),
        ("The mental health team's reference is MH-204518.", "MH-204518"),
        ("Ref: SCR-884201, adult social care.", "SCR-884201"),
        ("The council gave me a reference, ASC/5512/09, for the request.", "ASC/5512/09"),
        ("Use reference number 3381924 for the falls service.", "3381924"),
        ("His RiO number is 100458213.", "100458213"),
        ("Patient ID 55120398 on the label.", "55120398"),
        ("The ward had QE4419026 on the wristband.", "QE4419026"),
    ],
)
def test_a_record_number_blocks(text, number):
    assert found(text, "MRN", "block") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "The reference to the 2024 guidance was useful.",
        "The referral was made in 2023 and the reference letter came in 2024.",
        "I keep the reference the council gives me in the clinical record, not here.",
        "Ref WS3 on communication was the best workshop.",
        "The patient number 3 in the queue was seen first.",
        "Her blood pressure was 150/90 at the review.",
        "I completed 12 hours of training, ref the handbook page 14.",
    ],
)
def test_ordinary_numbers_and_references_do_not_block(text):
    assert found(text, "MRN") == []


def test_scan_pii_reports_the_new_kinds_with_their_actions_and_original_offsets(monkeypatch):
    from .test_commands import run_scan_pii

    text = "Hospital number RX1234567; she has COPD; the only thatched cottage on the green; NHS 943.476.5919"
    [line] = run_scan_pii(monkeypatch, text + "\n")
    findings = {(text[f["start"] : f["end"]], f["type"], f["action"]) for f in json.loads(line)["findings"]}
    assert findings >= {
        ("RX1234567", "MRN", "block"),
        ("COPD", "CONDITION", "confirm"),
        ("the only thatched cottage on the green", "UNIQUE", "confirm"),
        ("943.476.5919", "NHS_NUMBER", "block"),
    }

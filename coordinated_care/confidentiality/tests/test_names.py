import pytest

from .helpers import found, interrupting


@pytest.mark.parametrize(
    "text, name",
    [
        ("I first met Mrs Patel after she missed two reviews.", "Mrs Patel"),
        ("Mr O'Neill was referred by the GP.", "Mr O'Neill"),
        ("Mr O’Neill was referred by the GP.", "Mr O’Neill"),
        ("Anne-Marie rang to say her father was home.", "Anne-Marie"),
        ("Siobhán has been caring for her mother.", "Siobhán"),
        ("i met with john and his wife at home.", "john"),
        ("I spoke to mrs hussain about her son.", "mrs hussain"),
        ("mr smith told me he was lonely.", "mr smith"),
        ("Oluwaseun had moved to Birmingham from Lagos.", "Oluwaseun"),
        ("Zbigniew Kowalczyk was referred after a fall.", "Zbigniew Kowalczyk"),
        ("I discussed the case with Dr Okafor and the pharmacist.", "Dr Okafor"),
        ("Dr. Ng asked me to follow up.", "Dr. Ng"),
        ("Mrs van der Merwe is new to the area.", "Mrs van der Merwe"),
        ("The patient, Aisha, lives alone.", "Aisha"),
        ("I phoned Wiktoria about her mum's care.", "Wiktoria"),
        ("I called Tendai to check the parcel had arrived.", "Tendai"),
        ("The care home manager, Yasmin Ali, agreed to a meeting.", "Yasmin Ali"),
        ("MRS PATEL was written in capitals.", "MRS PATEL"),
    ],
)
def test_names_need_confirming(text, name):
    assert name in found(text, "PERSON", "confirm")


@pytest.mark.parametrize(
    "text, name",
    [
        ("Grace said she would think about the referral.", "Grace"),
        ("Hope is the patient's granddaughter and visits every weekend.", "Hope"),
        ("The patient's son, Dev, wanted to be at every appointment.", "Dev"),
        ("May told me that she had been feeling low.", "May"),
        ("Bill was worried about paying his electricity bill.", "Bill"),
    ],
)
def test_names_that_are_also_words_count_when_used_for_a_person(text, name):
    assert found(text, "PERSON", "confirm") == [name]


@pytest.mark.parametrize(
    "text",
    [
        "In March we started a new walking group with Age UK.",
        "Macmillan provided a benefits adviser who joined our monthly meeting.",
        "I hope that the new process will reduce the number of people who fall through the gaps.",
        "I learned to give people grace when they are frustrated.",
        "Grace and compassion are at the heart of person-centred care.",
        "Hope can be a powerful thing when people feel in control.",
        "Joy and sadness often sit side by side in end of life care.",
        "After 6/52 the physio reviewed him and the plan continued.",
        "Our PCN covers four practices across the north of Birmingham.",
        "The practice has a high number of people with diabetes.",
        "The GP and the social prescriber agreed that I should lead.",
        "The Practice Manager, the Social Prescriber and the Health and Wellbeing Coach attended.",
        "I used Gibbs' reflective cycle and Kolb's learning cycle in this reflection.",
        "The Alzheimer's Society runs a memory café on Thursdays.",
        "The Parkinson's UK nurse visits the practice every month.",
        "She was seen at the Queen Elizabeth Hospital and at Good Hope Hospital.",
        "He takes Amlodipine and Metformin, and Oramorph for pain.",
        "The Caldicott principles guide how I share information.",
        "Sutton Coldfield has a good network of community groups.",
        "I set up a WhatsApp group for the carers' peer support sessions.",
        "During Ramadan I moved the review to the evening; after Eid the son came in.",
        "She prefers to speak Urdu or Punjabi.",
        "Faith groups in the area run lunch clubs for older people.",
    ],
)
def test_known_traps_do_not_interrupt(text):
    assert interrupting(text) == []

"""Issue 16, item 1: specific medical conditions are confirmed, with general wording offered; general
wording, services, charities and populations are left alone; the list is derived from ICD-10-CM."""

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from coordinated_care.confidentiality import lexicon
from coordinated_care.confidentiality.findings import Action
from coordinated_care.confidentiality.service import scan

from .helpers import found, interrupting

ROOT = Path(__file__).resolve().parents[3]


def conditions(text):
    return [(text[f.start : f.end], f.action, f.suggestion) for f in scan(text) if f.type == "CONDITION"]


def test_the_issues_examples_are_confirmed_with_general_wording():
    text = "She has type 2 diabetes, COPD and early onset Alzheimer's disease."
    assert conditions(text) == [
        ("type 2 diabetes", Action.CONFIRM, "a long-term condition"),
        ("COPD", Action.CONFIRM, "a long-term lung condition"),
        ("early onset Alzheimer's disease", Action.CONFIRM, "memory problems"),
    ]


@pytest.mark.parametrize(
    "text, condition",
    [
        ("He has Parkinson's disease.", "Parkinson's disease"),
        ("He has Parkinson’s.", "Parkinson’s"),
        ("She has multiple sclerosis.", "multiple sclerosis"),
        ("Since the stroke he cannot drive.", "stroke"),
        ("His wife has MND.", "MND"),
        ("His wife has motor neurone disease.", "motor neurone disease"),
        ("Her mother has alzheimers.", "alzheimers"),
        ("He was diagnosed with Huntington's disease.", "Huntington's disease"),
        ("She has breast cancer.", "breast cancer"),
        ("He has ischaemic heart disease.", "ischaemic heart disease"),
        ("He has a diagnosis of SCHIZOPHRENIA.", "SCHIZOPHRENIA"),
        ("She has had MS for years.", "MS"),
        ("He has had two heart attacks.", "heart attacks"),
    ],
)
def test_a_specific_condition_is_confirmed(text, condition):
    assert found(text, "CONDITION", "confirm") == [condition]


def test_the_suggestion_is_in_the_explanation_and_the_live_check_data():
    [finding] = [f for f in scan("He has COPD.") if f.type == "CONDITION"]
    assert "a long-term lung condition" in finding.explanation
    assert finding.as_dict()["suggestion"] == "a long-term lung condition"
    assert finding.as_dict()["action"] == "confirm"


@pytest.mark.parametrize(
    "text",
    [
        "Many of our patients have long-term conditions.",
        "He has memory problems and forgets his appointments.",
        "After a stay in hospital she needed more help at home.",
        "She has a long-term lung condition.",
        "The practice has a high number of people with diabetes.",
        "People with dementia and their carers come to the memory café.",
        "The COPD clinic runs on Tuesdays.",
        "The MS Society ran a course on fatigue.",
        "Parkinson's UK trained our volunteers.",
        "The Stroke Association's coordinator came to the meeting.",
        "People living with Parkinson's often struggle with buttons.",
        "Long-term conditions such as COPD, heart failure and diabetes are common here.",
        "I set up the meeting on MS Teams.",
        "I stroked the dog while we talked.",
        "Stroke the cat gently, she said.",
        "It was a stroke of luck that the bus came.",
        "I used MI techniques with him.",
        "Diabetes UK and Asthma + Lung UK sent leaflets.",
        "The MND Association lent a communication aid.",
    ],
)
def test_general_wording_services_and_populations_are_left_alone(text):
    assert found(text, "CONDITION") == []
    assert interrupting(text) == []


def test_short_abbreviations_count_only_in_capitals():
    assert found("The ms was late and the als were fine.", "CONDITION") == []
    assert found("Ms Khan has ALS.", "CONDITION") == ["ALS"]


def test_the_shipped_list_is_large_and_each_term_carries_a_code_and_a_wording():
    index = lexicon.conditions()
    entries = [c for items in index.by_first_word.values() for _, c in items] + list(index.abbreviations.values())
    assert len(entries) > 1000
    assert {"COPD", "MND", "MS", "CVA"} <= set(index.abbreviations)
    assert all(re.fullmatch(r"[A-Z]\d[\dA-Z](?:\.[\dA-Z]{1,4})?", c.code) and c.suggestion for c in entries)
    general = {"diabetes", "dementia", "cancer", "depression", "anxiety", "long-term conditions"}
    assert not general & {c.term.lower() for c in entries}


@pytest.mark.skipif(importlib.util.find_spec("simple_icd_10_cm") is None, reason="the build dependency is missing")
@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # the package reads its data with importlib's old API
def test_every_code_is_in_icd_10_cm_and_the_script_rebuilds_the_shipped_file(tmp_path):
    import simple_icd_10_cm as cm

    shipped = ROOT / "coordinated_care/confidentiality/lexicon/conditions.tsv"
    rows = [line.split("\t") for line in shipped.read_text().splitlines() if not line.startswith("#")]
    assert all(cm.is_valid_item(code) for _, code, _ in rows)
    before = shipped.read_bytes()
    subprocess.run([sys.executable, "scripts/build_condition_lexicon.py"], cwd=ROOT, check=True, capture_output=True)
    assert shipped.read_bytes() == before, "conditions.tsv differs from what the script builds: run it again"

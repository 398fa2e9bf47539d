"""One form for every kind, built from exactly the fields kinds.py declares."""

import datetime

import pytest

from coordinated_care.portfolios.forms import EntryForm, EvidenceForm, PortfolioForm, ValuesWorksheetForm
from coordinated_care.portfolios.kinds import KINDS


@pytest.mark.parametrize("kind", list(KINDS))
def test_the_form_has_exactly_the_declared_fields(kind):
    spec = KINDS[kind]
    form = EntryForm(spec)
    declared = [f.name for f in spec.fields] + (["attachment"] if spec.attachment_label else [])
    # The confidentiality guard's declaration comes last, just before the Save button.
    assert [name for name in form.fields if name != "seen_version"] == [*declared, "confidentiality_declaration"]
    for spec_field in spec.fields:
        assert form.fields[spec_field.name].required == spec_field.required
        assert form.fields[spec_field.name].label == spec_field.label


@pytest.mark.parametrize("kind", list(KINDS))
def test_an_empty_form_says_what_to_enter_for_each_required_field(kind):
    spec = KINDS[kind]
    form = EntryForm(spec, data={})
    assert not form.is_valid()
    for spec_field in spec.fields:
        if spec_field.required:
            assert form.errors[spec_field.name] == [spec_field.missing_message]
            assert spec_field.missing_message[:6] in ("Enter ", "Select")
        else:
            assert spec_field.name not in form.errors


def test_every_form_derives_from_the_one_base_the_confidentiality_guard_joins():
    for form_class in (EntryForm, ValuesWorksheetForm, EvidenceForm):
        assert issubclass(form_class, PortfolioForm)


ACTION = KINDS["action"]
ACTION_DATA = {"area_of_focus": "Digital", "actions": "a", "help": "h", "success_measure": "s"}


def test_dates_use_the_nhs_date_input():
    form = EntryForm(ACTION, data={**ACTION_DATA, "due_on_day": "5", "due_on_month": "1", "due_on_year": "2026"})
    assert form.is_valid(), form.errors
    assert form.content()["due_on"] == datetime.date(2026, 1, 5)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date to be completed or reviewed"),
        ("31", "2", "2026", "Date to be completed or reviewed must be a real date"),
        ("x", "2", "2026", "Date to be completed or reviewed must be a real date"),
        ("1", "2", "26", "Date to be completed or reviewed must be a real date"),
        ("1", "", "2026", "Date to be completed or reviewed must include a month"),
    ],
)
def test_date_errors_are_in_plain_english(day, month, year, message):
    form = EntryForm(ACTION, data={**ACTION_DATA, "due_on_day": day, "due_on_month": month, "due_on_year": year})
    assert not form.is_valid()
    assert form.errors["due_on"] == [message]
    # The error summary links to the first box.
    assert form["due_on"].id_for_label == "id_due_on_day"


def test_an_edit_carries_the_version_seen():
    form = EntryForm(
        ACTION, data={**ACTION_DATA, "due_on_day": "5", "due_on_month": "1", "due_on_year": "2026"}, editing=True
    )
    assert not form.is_valid() and "seen_version" in form.errors


def test_radios_link_from_the_error_summary_to_the_first_radio():
    form = EntryForm(KINDS["workshop_note"], data={"seen_version": "0"}, editing=True)
    assert not form.is_valid()
    assert form.errors["attended"] == ["Select whether you attended this workshop"]
    assert form["attended"].id_for_label == "id_attended"


def test_overlong_writing_is_refused_with_its_limit():
    form = EntryForm(
        KINDS["case_study"], data={"title": "x" * 301, "overview": "o", "coordination": "c", "outcomes": "r"}
    )
    assert form.errors["title"] == ["Title must be 300 characters or fewer"]


def test_a_draft_fills_the_form_back_in():
    form = EntryForm(ACTION, initial={"area_of_focus": "Saved"}, editing=True)
    form.restore(
        {"area_of_focus": "Unsaved", "due_on_day": "7", "due_on_month": "", "due_on_year": "2026", "seen_version": "3"}
    )
    assert form["area_of_focus"].value() == "Unsaved"
    assert form["due_on"].value() == ["7", "", "2026"]
    assert form["seen_version"].value() == "3"


def test_evidence_needs_how_it_shows_for_each_criterion_chosen(criteria):
    first, second = criteria[:2]
    form = EvidenceForm(
        criteria, data={f"criterion_{first.pk}": "on", f"how_{first.pk}": "Because", f"criterion_{second.pk}": "on"}
    )
    assert not form.is_valid()
    assert form.errors[f"how_{second.pk}"] == [f"Enter how this entry shows {second.code} {second.title}"]
    assert list(form.errors) == [f"how_{second.pk}"]

"""A colleague's name confirmed once, with their role, is not asked about again in the same entry
unless the words around it change (issue 13, item 4)."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin, name_context, role_field_name

TEXT = "I discussed the plan with Sam Okafor at the practice meeting on Monday morning."


class NoteForm(ConfidentialityCheckedFormMixin, forms.Form):
    note = forms.CharField(widget=forms.Textarea)


def confirmed_once(text=TEXT, role="Practice pharmacist"):
    form = NoteForm(data={"note": text, "confidentiality_declaration": "on", role_field_name("Sam Okafor"): role})
    assert form.is_valid(), form.errors
    return [d.as_dict() for d in form.confidentiality_declarations]


def test_a_declaration_keeps_a_hash_of_the_words_around_the_name_not_the_words():
    [declared] = confirmed_once()
    assert declared["context"] == name_context(TEXT, declared["start"], declared["end"])
    assert "practice meeting" not in str(declared).replace("Practice pharmacist", "")


def test_the_same_name_in_the_same_words_is_not_asked_about_again():
    form = NoteForm(data={"note": TEXT}, confirmed=confirmed_once())
    assert form.is_valid(), form.errors
    assert not form.confidentiality_declaration_needed
    assert form.confidentiality_role_fields == []
    [declared] = form.confidentiality_declarations
    assert (declared.text, declared.role) == ("Sam Okafor", "Practice pharmacist")


def test_spaces_and_case_around_the_name_do_not_count_as_a_change():
    form = NoteForm(data={"note": TEXT.replace(" at the ", "  AT the ")}, confirmed=confirmed_once())
    assert form.is_valid(), form.errors


def test_writing_far_from_the_name_does_not_ask_again():
    text = "On Tuesday afternoon, once clinic was over, " + TEXT
    later = "A busy week. " * 5 + text + " Afterwards I wrote up the actions for the team and shared them."
    form = NoteForm(data={"note": later}, confirmed=confirmed_once(text=text))
    # The name moved, but the words either side of it (as far as the guard reads) are the same.
    assert form.is_valid(), form.errors
    assert form.confidentiality_declarations[0].start == later.index("Sam")


def test_a_change_to_the_words_around_the_name_asks_again():
    changed = TEXT.replace("discussed the plan", "went through the medicines")
    form = NoteForm(data={"note": changed}, confirmed=confirmed_once())
    assert not form.is_valid()
    assert form.confidentiality_declaration_needed
    assert "“Sam Okafor”" in form.errors["confidentiality_declaration"][0]


def test_the_same_words_in_another_field_are_asked_about():
    class TwoFields(NoteForm):
        other = forms.CharField(widget=forms.Textarea)

    form = TwoFields(data={"note": "Nothing named.", "other": TEXT}, confirmed=confirmed_once())
    assert not form.is_valid() and form.confidentiality_declaration_needed


def test_a_new_name_beside_a_remembered_one_needs_the_tick_and_both_are_kept():
    text = TEXT + " Nothing else happened that week, until Friday. Amira Begum, the social prescriber, rang."
    form = NoteForm(data={"note": text}, confirmed=confirmed_once())
    assert not form.is_valid()
    assert [name for name, _ in form.confidentiality_role_fields] == ["Amira Begum"]
    form = NoteForm(
        data={
            "note": text,
            "confidentiality_declaration": "on",
            role_field_name("Amira Begum"): "Social prescribing link worker",
        },
        confirmed=confirmed_once(),
    )
    assert form.is_valid(), form.errors
    assert [(d.text, d.role) for d in form.confidentiality_declarations] == [
        ("Sam Okafor", "Practice pharmacist"),
        ("Amira Begum", "Social prescribing link worker"),
    ]


def test_an_old_declaration_without_its_words_or_without_a_role_is_asked_about_again():
    [declared] = confirmed_once()
    for stale in ({**declared, "context": ""}, {**declared, "role": ""}, {**declared, "role": "the patient"}):
        form = NoteForm(data={"note": TEXT}, confirmed=[stale])
        assert not form.is_valid() and form.confidentiality_declaration_needed


def test_a_remembered_name_still_falls_with_a_patient_of_the_same_name():
    [declared] = confirmed_once()
    text = TEXT + " Then I visited Mrs Okafor at home."
    form = NoteForm(data={"note": text}, confirmed=[declared])
    assert not form.is_valid()
    assert form.has_error("note", code="confidentiality_not_a_colleague")
    assert form.confidentiality_declarations == []

"""The answer fields shared by the online forms and the paper transcriptions, and the public
forms' confidentiality check (the paper forms use the portfolio's own mixin: forms/staff.py)."""

from django import forms

from .. import guard
from ..models import FeedbackResponse
from ..questions import DID_WELL, DO_DIFFERENTLY, INPUT, PUBLIC_FREE_TEXT_HINT, QUESTIONS, SCALE, THEIR_ROLE

FREE_TEXT_MAX = 3000


def scale_field(question):
    return forms.TypedChoiceField(
        label=question.legend,
        choices=SCALE,
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": f"Select how happy you were with the way the care coordinator {question.ending}"},
    )


class PatientFields(forms.Form):
    """The PD's patient / service user form, question by question."""

    respondent = forms.ChoiceField(
        label="Are you",
        choices=FeedbackResponse.Respondent.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Select whether you are the patient or service user, or a carer or relative"},
    )
    needs = scale_field(QUESTIONS[0])
    choice = scale_field(QUESTIONS[1])
    talked = scale_field(QUESTIONS[2])
    respect = scale_field(QUESTIONS[3])
    feelings = scale_field(QUESTIONS[4])
    did_well = forms.CharField(
        label=f"{DID_WELL} (optional)",
        required=False,
        max_length=FREE_TEXT_MAX,
        widget=forms.Textarea,
        help_text=PUBLIC_FREE_TEXT_HINT,
    )
    do_differently = forms.CharField(
        label=f"{DO_DIFFERENTLY} (optional)",
        required=False,
        max_length=FREE_TEXT_MAX,
        widget=forms.Textarea,
        help_text=PUBLIC_FREE_TEXT_HINT,
    )

    answer_fields = ("respondent", *(q.field for q in QUESTIONS), "did_well", "do_differently")

    def answers(self):
        return {name: self.cleaned_data.get(name, "") for name in self.answer_fields}


class ColleagueFields(forms.Form):
    """The PD's "Ongoing feedback" from staff and key people: their role and the input the
    coordinator has had. Only a member of staff is offered a name field, and it is optional."""

    their_role = forms.CharField(
        label=THEIR_ROLE,
        max_length=200,
        help_text="For example, practice nurse, social prescriber or practice manager.",
        error_messages={"required": "Enter your role"},
    )
    input = forms.CharField(
        label=INPUT,
        max_length=FREE_TEXT_MAX,
        widget=forms.Textarea,
        help_text="What the care coordinator did with you or learned from you, and how it went.",
        error_messages={"required": "Enter the input the care coordinator has had"},
    )
    given_name = forms.CharField(label="Your name (optional)", max_length=200, required=False)

    answer_fields = ("their_role", "input", "given_name")

    def __init__(self, *args, allow_name=True, **kwargs):
        super().__init__(*args, **kwargs)
        if not allow_name:
            del self.fields["given_name"]
            self.answer_fields = ("their_role", "input")

    def answers(self):
        return {name: self.cleaned_data.get(name, "") for name in self.answer_fields}


class GuardedForm(forms.Form):
    """Runs the guard over `guarded_fields`, in words for a member of the public. A possible name can be
    let through by ticking `names_confirmed`, shown only once a name has been found."""

    guarded_fields = ()
    names_confirmed = forms.BooleanField(
        required=False, label="The names I have used are of the care coordinator or other staff"
    )

    def __init__(self, *args, allowed_names=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.allowed_names = list(allowed_names)
        self.needs_name_confirmation = False

    def clean(self):
        cleaned = super().clean()
        allowed = [*self.allowed_names, cleaned.get("given_name", "")]
        for name in self.guarded_fields:
            text = cleaned.get(name) or ""
            result = guard.check(text, allowed_names=allowed)
            if result.blocked:
                self.add_error(name, guard.block_message(result))
            elif result.not_staff:
                self.add_error(name, guard.not_staff_message(result))
            elif result.names and not cleaned.get("names_confirmed"):
                self.needs_name_confirmation = True
                self.add_error(name, guard.name_message(result))
        return cleaned


class PatientAnswers(GuardedForm, PatientFields):
    guarded_fields = ("did_well", "do_differently")


class ColleagueAnswers(GuardedForm, ColleagueFields):
    guarded_fields = ("their_role", "input")

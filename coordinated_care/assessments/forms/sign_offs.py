"""Forms for asking for sign-off, deciding it and withdrawing a signature. Each lists its fields;
the rules are the services', whose errors come back to the field they are about."""

from django import forms

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin
from coordinated_care.core.forms import ServiceErrorsMixin
from coordinated_care.programmes.forms.dates import DateField

from ..models import Assessment

ACTION_SLOTS = 3


# Re-authentication errors (signing.reauthenticate) belong to the password field of every signing form.
PASSWORD_ERRORS = {"wrong": "password", "locked": "password"}


class PasswordMixin(forms.Form):
    password = forms.CharField(
        label="Your password",
        help_text="Signing is like signing on paper: enter the password you sign in with to confirm it is you.",
        strip=False,
        widget=forms.PasswordInput,
        error_messages={"required": "Enter your password to sign"},
    )


class SignOffRequestForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    evidence = forms.MultipleChoiceField(
        label="Evidence to put forward",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Choose the entries that show this criterion. Your facilitator signs off on these versions.",
    )
    note = forms.CharField(
        label="Anything to tell your facilitator (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea,
        help_text="If you cannot show this criterion in practice, say so here: you can agree a critical reflection "
        "on the shortfall with your supervisor instead.",
    )
    error_fields = {"evidence": "evidence", "empty": "evidence"}

    def __init__(self, *args, links, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = [(str(link.entry.uuid), link.entry.title) for link in links]
        if not self.is_bound:
            self.initial["evidence"] = [str(link.entry.uuid) for link in links]


class DecisionForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, forms.Form):
    """The decision, without the password: it is asked for once, when the decision is ready to
    sign (SignDecisionForm), and the decision is carried to that step unchanged."""

    outcome = forms.ChoiceField(
        label="Your decision",
        choices=Assessment.Outcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose your decision"},
    )
    comments = forms.CharField(
        label="Comments and rationale",
        max_length=8000,
        widget=forms.Textarea,
        help_text="Consider knowledge, skills, attitudes and the views of those receiving care.",
        error_messages={"required": "Enter your comments and rationale"},
    )
    achieved_on = DateField(label="Date achieved", required=False, help_text="For example, 15 3 2027.")
    exceeds_expectations = forms.BooleanField(
        label="The learner is exceeding expectations for their stage in practice",
        required=False,
        help_text="For particularly commendable attitudes, behaviours, knowledge or skills.",
    )
    exceeding_comment = forms.CharField(
        label="How they are exceeding expectations (optional)",
        required=False,
        max_length=4000,
        widget=forms.Textarea,
    )
    reflection = forms.CharField(
        label="The learner's critical reflection on the shortfall",
        required=False,
        max_length=8000,
        widget=forms.Textarea,
    )
    agreed_with_supervisor = forms.CharField(
        label="Supervisor it was agreed with",
        required=False,
        max_length=200,
        help_text="Their name.",
    )
    subject_hash = forms.CharField(widget=forms.HiddenInput)
    # A colleague's name, asked for by name: not a patient's.
    confidentiality_exempt_fields = ("agreed_with_supervisor",)
    error_fields = {**PASSWORD_ERRORS, "evidence_moved": None, "closed": None, "actions": "action_1_area_of_focus"}

    def __init__(self, *args, supervisor_name="", today=None, **kwargs):
        super().__init__(*args, **kwargs)
        if supervisor_name and not self.is_bound:
            self.initial["agreed_with_supervisor"] = supervisor_name
        if today and not self.is_bound:
            self.initial.setdefault("achieved_on", today)
        for n in range(1, ACTION_SLOTS + 1):
            self.fields[f"action_{n}_area_of_focus"] = forms.CharField(
                label="Area of focus", required=False, max_length=300
            )
            self.fields[f"action_{n}_actions"] = forms.CharField(
                label="Actions to be taken", required=False, max_length=4000, widget=forms.Textarea
            )
            self.fields[f"action_{n}_help"] = forms.CharField(
                label="Help to get there", required=False, max_length=4000, widget=forms.Textarea
            )
            self.fields[f"action_{n}_success_measure"] = forms.CharField(
                label="Success measurement", required=False, max_length=4000, widget=forms.Textarea
            )
            self.fields[f"action_{n}_due_on"] = DateField(label="Date to be completed or reviewed", required=False)

    def action_slots(self):
        return [
            [self[f"action_{n}_{name}"] for name in ("area_of_focus", "actions", "help", "success_measure", "due_on")]
            for n in range(1, ACTION_SLOTS + 1)
        ]

    def actions(self):
        """The agreed actions filled in, each as the action plan's content."""
        found = []
        for n in range(1, ACTION_SLOTS + 1):
            values = {
                name: self.cleaned_data.get(f"action_{n}_{name}")
                for name in ("area_of_focus", "actions", "help", "success_measure", "due_on")
            }
            if any(values.values()):
                found.append(values)
        return found


class SignDecisionForm(ServiceErrorsMixin, PasswordMixin):
    """The one step that signs a decision already checked: the password alone."""

    error_fields = {**PASSWORD_ERRORS, "evidence_moved": None, "closed": None}


class ReconfirmForm(ServiceErrorsMixin, PasswordMixin):
    """Re-confirming a sign-off on the evidence as it is now: the password, and the hash of the
    evidence the changes page showed."""

    subject_hash = forms.CharField(widget=forms.HiddenInput)
    error_fields = {**PASSWORD_ERRORS, "evidence_moved": None, "superseded": None, "not_reconfirmable": None}


class WithdrawForm(ConfidentialityCheckedFormMixin, ServiceErrorsMixin, PasswordMixin):
    reason = forms.CharField(
        label="Why are you withdrawing your signature?",
        max_length=4000,
        widget=forms.Textarea,
        help_text="The signature stays on the record, marked as withdrawn with your reason.",
        error_messages={"required": "Say why you are withdrawing your signature"},
    )
    error_fields = {**PASSWORD_ERRORS, "reason": "reason", "withdrawn": None}

"""The forms a patient, carer, member of staff or key person fills in without an account.

Automated submissions are turned away without a CAPTCHA: a field people never see (a "honeypot")
and a signed note of when the form was shown, so a form sent back too quickly, or long after,
or made up without the page, is not taken."""

import time

from django import forms
from django.conf import settings
from django.core import signing

from .answers import ColleagueAnswers, PatientAnswers

SALT = "coordinated_care.feedback.form"
# Long enough for someone who puts the phone down to answer the door.
MAX_FORM_AGE_SECONDS = 4 * 60 * 60


class ConsentForm(forms.Form):
    consent = forms.ChoiceField(
        label="Would you like to give feedback?",
        choices=[("yes", "Yes, I would like to give feedback"), ("no", "No, thank you")],
        widget=forms.RadioSelect,
        error_messages={"required": "Select yes if you would like to give feedback"},
    )


def stamp(request_pk):
    """A signed note of which request the form is for and when it was shown."""
    return signing.dumps({"r": request_pk, "t": int(time.time())}, salt=SALT)


class SpamChecked(forms.Form):
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    # The honeypot: hidden from people (visually and from assistive technology), filled in by bots.
    website = forms.CharField(required=False, label="Leave this empty")

    def __init__(self, *args, request_pk, **kwargs):
        super().__init__(*args, **kwargs)
        self.request_pk = request_pk
        if not self.is_bound:
            self.initial["started"] = stamp(request_pk)

    def fresh_stamp(self):
        """Shown again with a new note, so the next honest attempt is timed from now."""
        self.data = self.data.copy()
        self.data["started"] = stamp(self.request_pk)

    def verdict(self):
        """ "honeypot", "too_fast", "stale" or "" (a person, as far as can be told)."""
        if self.data.get("website"):
            return "honeypot"
        try:
            note = signing.loads(self.data.get("started", ""), salt=SALT, max_age=MAX_FORM_AGE_SECONDS)
        except signing.BadSignature:
            return "stale"
        if note.get("r") != self.request_pk:
            return "stale"
        if time.time() - note.get("t", 0) < settings.FEEDBACK_MIN_FILL_SECONDS:
            return "too_fast"
        return ""


class PatientAnswersForm(SpamChecked, PatientAnswers):
    pass


class ColleagueAnswersForm(SpamChecked, ColleagueAnswers):
    pass

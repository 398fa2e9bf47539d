"""The attendance register's form: one field a learner on the page, named after their enrolment
(`mark_<enrolment id>`), each one of the register's marks or "Not marked". The fields are listed
from the learners the page shows and nothing else: a posted name for anyone else is ignored."""

from django import forms

from coordinated_care.programmes.models import Attendance

NOT_MARKED = ("", "Not marked")
PREFIX = "mark_"


class AttendanceForm(forms.Form):
    def __init__(self, *args, enrolments, marks, **kwargs):
        super().__init__(*args, **kwargs)
        for enrolment in enrolments:
            self.fields[f"{PREFIX}{enrolment.pk}"] = forms.ChoiceField(
                label=enrolment.learner.display_name,
                choices=[*Attendance.Mark.choices, NOT_MARKED],
                required=False,
                initial=marks.get(enrolment.pk, ""),
                error_messages={"invalid_choice": f"Choose a mark for {enrolment.learner.display_name}"},
            )

    def marks(self):
        """{enrolment id: mark or ""} for the learners of the page."""
        return {int(name.removeprefix(PREFIX)): value for name, value in self.cleaned_data.items()}

"""The choice of reminders: for each reminder a person's roles give them, how often (no free text)."""

from django import forms

from .choices import HINTS
from .models import FREQUENCIES


class ReminderChoicesForm(forms.Form):
    def __init__(self, kinds, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kinds = list(kinds)
        for kind in self.kinds:
            self.fields[kind.value] = forms.ChoiceField(
                label=kind.label,
                help_text=HINTS[kind],
                choices=[(f.value, f.label) for f in FREQUENCIES[kind]],
                widget=forms.RadioSelect,
                error_messages={"required": f"Select how often you want the e-mail: {kind.label.lower()}"},
            )

    def frequencies(self):
        return {kind: self.cleaned_data[kind.value] for kind in self.kinds}

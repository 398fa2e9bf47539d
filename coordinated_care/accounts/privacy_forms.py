"""The administrator's erasure form (UK GDPR; ADR 15)."""

from django import forms

from .models import User


class ErasureForm(forms.Form):
    """The administrator names the person by their e-mail address and confirms the decision."""

    email = forms.EmailField(label="Their e-mail address", max_length=254)
    confirm = forms.BooleanField(
        label="I have checked that the law lets us erase this person's data (UK GDPR article 17)",
        error_messages={"required": "Confirm that the law lets us erase this person's data"},
    )

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        person = User.objects.filter(email=email).first()
        if person is None:
            raise forms.ValidationError("No account has this e-mail address")
        self.person = person
        return email

from allauth.account.forms import LoginForm as AllauthLoginForm
from django import forms
from django.conf import settings
from django.urls import reverse

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


class LoginForm(AllauthLoginForm):
    @property
    def organisation_providers(self):
        """The OpenID Connect providers people may sign in through (NHS CIS2 when configured), as
        (name, URL of the start of its sign-in), read from settings: no query."""
        apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
        return [
            (app["name"], reverse("openid_connect_login", kwargs={"provider_id": app["provider_id"]})) for app in apps
        ]

from allauth.account.forms import LoginForm as AllauthLoginForm
from django.conf import settings
from django.urls import reverse


class LoginForm(AllauthLoginForm):
    @property
    def organisation_providers(self):
        """The OpenID Connect providers people may sign in through (NHS CIS2 when configured), as
        (name, URL of the start of its sign-in), read from settings: no query."""
        apps = settings.SOCIALACCOUNT_PROVIDERS.get("openid_connect", {}).get("APPS", [])
        return [
            (app["name"], reverse("openid_connect_login", kwargs={"provider_id": app["provider_id"]})) for app in apps
        ]

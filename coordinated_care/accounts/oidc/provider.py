from allauth.socialaccount.providers.oauth2.utils import generate_code_challenge
from allauth.socialaccount.providers.openid_connect.provider import OpenIDConnectProvider

from .views import OrganisationAdapter, new_nonce


class OrganisationProvider(OpenIDConnectProvider):
    """allauth's OpenID Connect provider, with this package's adapter and URLs (see __init__)."""

    package = "coordinated_care.accounts.oidc"
    oauth2_adapter_class = OrganisationAdapter
    pkce_enabled_default = True

    def get_default_scope(self):
        return list(self.app.settings.get("scope") or ["openid", "profile", "email"])

    def get_auth_params(self):
        params = super().get_auth_params()
        if self.app.settings.get("acr_values"):
            params["acr_values"] = self.app.settings["acr_values"]
        return params

    def get_auth_params_from_request(self, request, action):
        # Only what settings say: a visitor's ?auth_params= must not lower the assurance asked for.
        params = self.get_auth_params()
        params["nonce"] = new_nonce(request)
        return params

    def get_pkce_params(self):
        # PKCE always (S256), whatever a provider's settings say.
        return generate_code_challenge()

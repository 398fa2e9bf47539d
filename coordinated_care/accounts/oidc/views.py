import secrets

from allauth.account.internal.decorators import login_not_required
from allauth.socialaccount.internal import jwtkit
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.oauth2.client import OAuth2Error
from allauth.socialaccount.providers.oauth2.views import OAuth2CallbackView, OAuth2LoginView
from allauth.socialaccount.providers.openid_connect.views import OpenIDConnectOAuth2Adapter
from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from . import backchannel
from .client import PrivateKeyJWTClient

NONCE_SESSION_KEY = "oidc_nonce"


def new_nonce(request):
    nonce = secrets.token_urlsafe(32)
    request.session[NONCE_SESSION_KEY] = nonce
    return nonce


class OrganisationAdapter(OpenIDConnectOAuth2Adapter):
    client_class = PrivateKeyJWTClient

    def get_client(self, request, app):
        settings = app.settings
        return self.client_class(
            self.request,
            app.client_id,
            "",
            self.access_token_method,
            self.access_token_url,
            self.get_callback_url(request, app),
            scope_delimiter=self.scope_delimiter,
            headers=self.headers,
            basic_auth=False,
            private_key=settings["private_key"],
            key_id=settings["key_id"],
            algorithm=settings.get("signing_algorithm", "RS512"),
        )

    def _decode_id_token(self, app, id_token):
        """The ID token's signature is checked even though it came straight from the token endpoint
        (allauth skips it then), and its nonce must be the one this browser's session sent."""
        claims = jwtkit.verify_and_decode(
            credential=id_token,
            keys_url=self.openid_config["jwks_uri"],
            issuer=self.openid_config["issuer"],
            audience=app.client_id,
            lookup_kid=jwtkit.lookup_kid_jwk,
            verify_signature=True,
        )
        expected = self.request.session.pop(NONCE_SESSION_KEY, None)
        if not expected or not secrets.compare_digest(str(claims.get("nonce", "")), expected):
            raise OAuth2Error("The ID token's nonce is not the one this sign-in sent.")
        return claims

    def complete_login(self, request, app, token, **kwargs):
        login = super().complete_login(request, app, token, **kwargs)
        # The provider's session, which its back-channel logout tokens name: noted with this
        # session once the person is signed in (accounts.signals).
        sid = (login.account.extra_data.get("id_token") or {}).get("sid", "")
        request.session[backchannel.PENDING_SID_SESSION_KEY] = [self.get_provider().sub_id, sid]
        return login


@login_not_required
def login(request, provider_id):
    try:
        return OAuth2LoginView.adapter_view(OrganisationAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


@login_not_required
def callback(request, provider_id):
    try:
        return OAuth2CallbackView.adapter_view(OrganisationAdapter(request, provider_id))(request)
    except SocialApp.DoesNotExist:
        raise Http404 from None


@login_not_required
@csrf_exempt  # the provider posts from its own server, with a signed token and no cookie
@require_POST
def backchannel_logout(request, provider_id):
    """OpenID Connect Back-Channel Logout 1.0: the provider posts a signed logout token naming the
    person (sub) or their session there (sid); every session of theirs here ends. 200 when done,
    400 for a token that does not verify, as the specification asks; never cached."""
    try:
        adapter = OrganisationAdapter(request, provider_id)
        app = adapter.get_provider().app
    except SocialApp.DoesNotExist:
        raise Http404 from None
    try:
        backchannel.end_sessions(adapter, app, request.POST.get("logout_token", ""))
    except backchannel.InvalidLogoutToken:
        response = HttpResponse(status=400)
    else:
        response = HttpResponse(status=200)
    response["Cache-Control"] = "no-store"
    return response

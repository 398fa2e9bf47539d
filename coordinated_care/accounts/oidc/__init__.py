"""Sign-in through an organisation's OpenID Connect provider: NHS CIS2 Authentication (ADR 13).

allauth's OpenID Connect provider does the authorization code flow; this package adds what CIS2
asks for and allauth lacks: PKCE on by default, a nonce bound to the session, the ID token's
signature always checked, client authentication by a signed assertion (private_key_jwt, RFC 7523)
instead of a shared secret, and back-channel logout (the provider ends a person's sessions here
when they sign out there). Configured from CIS2_* settings (docs/settings.md)."""

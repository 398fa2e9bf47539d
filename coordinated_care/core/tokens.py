"""Single-use link tokens, for links sent to people without an account (feedback links, invitations
to sign): 256 random bits, shown once, kept only as their SHA-256.

A plain hash rather than a slow password hash is enough: the token is random and long, so there is
nothing to guess from its hash, and the hash must be looked up by equality on every visit. Whether
a link is still open (used, withdrawn, expired) is for the app that owns it to say.

    token, token_hash = new_token()           # the token goes in the link, the hash in the row
    invitation = find_by_token(Invitation.objects, token)   # None when it is no link we made
"""

import hashlib
import re
import secrets

TOKEN_BYTES = 32  # 256 bits; the floor is 128
# token_urlsafe(32) gives 43 characters of the URL-safe base64 alphabet.
TOKEN_PATTERN = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_token():
    """A fresh token and the hash to store in its place."""
    token = secrets.token_urlsafe(TOKEN_BYTES)
    return token, hash_token(token)


def hash_token(token):
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def looks_like_token(value):
    return bool(TOKEN_PATTERN.match(value or ""))


def find_by_token(queryset, token, field="token_hash"):
    """The row of `queryset` whose stored hash is the token's, or None. Anything that is not
    shaped like a token is refused before the database is asked."""
    if not looks_like_token(token):
        return None
    return queryset.filter(**{field: hash_token(token)}).first()

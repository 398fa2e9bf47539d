"""The one helper for single-use link tokens (feedback links, invitations to sign)."""

import hashlib

from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session

from coordinated_care.core.tokens import find_by_token, hash_token, looks_like_token, new_token


def test_a_token_has_256_random_bits_and_comes_with_its_hash():
    tokens = {new_token() for _ in range(50)}
    assert len(tokens) == 50
    for token, token_hash in tokens:
        assert looks_like_token(token) and len(token) == 43  # 32 bytes in URL-safe base64
        assert token_hash == hash_token(token) != token


def test_the_hash_is_the_plain_sha256_of_the_token_so_links_already_sent_keep_working():
    token = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123-_Z"
    assert hash_token(token) == hashlib.sha256(token.encode("ascii")).hexdigest()
    assert hash_token(token) == "97af5c7528d292b012c6a73c2a5cefff13eaee1fee7000ae7c851bef677664d1"


def test_anything_not_shaped_like_a_token_is_refused_without_a_query(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        for value in ["", None, "short", "a" * 44, "a" * 42 + "!", "../" * 15]:
            assert find_by_token(Session.objects, value, field="session_key") is None


def test_a_row_is_found_by_the_hash_of_its_token_never_by_the_token(db):
    # Any model with a text column long enough for a SHA-256 in hex will do (a session key is 40
    # characters: PostgreSQL refuses what SQLite would keep); the apps' own tests use theirs.
    token, token_hash = new_token()
    Group.objects.create(name=token_hash)
    assert find_by_token(Group.objects, token, field="name").name == token_hash
    assert find_by_token(Group.objects, new_token()[0], field="name") is None
    # The stored hash is no link: someone who reads the table cannot use what is in it.
    assert find_by_token(Group.objects, token_hash, field="name") is None

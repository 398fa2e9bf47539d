"""Links for every row of a list, reversed once rather than once a row: `reverse` is a tenth of
the time of a page of fifty learners."""

import uuid

from django.urls import reverse

PLACEHOLDER = str(uuid.UUID(int=0))


def uuid_link(name):
    """A function from a uuid to the path of the URL `name`, whose one argument is a `<uuid:…>`,
    as `reverse(name, args=[value])` gives it."""
    head, tail = reverse(name, args=[PLACEHOLDER]).split(PLACEHOLDER)
    return lambda value: f"{head}{value}{tail}"

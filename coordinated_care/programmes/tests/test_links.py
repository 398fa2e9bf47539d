"""Links reversed once for every row of a list are the links `reverse` gives each row."""

import uuid

import pytest
from django.urls import reverse

from coordinated_care.programmes.presenters.links import uuid_link


@pytest.mark.parametrize("name", ["portfolios:overview", "programmes:learner_schedule", "delegations:index"])
def test_a_rows_link_is_the_one_reverse_gives(name):
    link = uuid_link(name)
    for value in (uuid.uuid4(), uuid.uuid4()):
        assert link(value) == reverse(name, args=[value])

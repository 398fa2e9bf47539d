"""The demo's responsibilities and reasonable adjustments: synthetic, through the guard, once."""

import io

import pytest
from django.core.management import call_command

from coordinated_care.accounts.models import Acknowledgement
from coordinated_care.nonprod import demo_adjustments
from coordinated_care.programmes.models import ReasonableAdjustment

pytestmark = pytest.mark.django_db


def test_the_demo_adjustment_passes_the_confidentiality_guard():
    from coordinated_care.confidentiality.service import scan

    assert [f for f in scan(demo_adjustments.ADJUSTMENT) if f.action in ("block", "confirm")] == []


def test_the_second_learner_has_an_agreed_adjustment_and_the_first_is_still_asked():
    call_command("seed_demo", stdout=io.StringIO())
    call_command("seed_demo", stdout=io.StringIO())
    [adjustment] = ReasonableAdjustment.objects.select_related("enrolment__learner", "agreed_by")
    assert adjustment.enrolment.learner.email == "learner2@demo.test"
    assert adjustment.agreed_by.email == "facilitator2@demo.test"
    acknowledged = set(Acknowledgement.objects.values_list("user__email", flat=True))
    assert acknowledged == {"learner2@demo.test", "facilitator2@demo.test"}

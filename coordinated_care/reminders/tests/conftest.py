import datetime

import pytest
from django.core import mail
from django.utils import timezone

from coordinated_care.assessments.services.sign_offs import request_sign_off
from coordinated_care.portfolios import services as portfolio_services
from coordinated_care.portfolios.models import Entry
from coordinated_care.portfolios.tests.builders import action_content
from coordinated_care.programmes.models import Cohort, Enrolment

# Written in the portfolio: none of it may appear in any e-mail.
SECRET_TITLE = "Zebrafinch visit planning"
SECRET_TEXT = "Quillwort discussed the gardening group and her hearing aids"
SECRET_NOTE = "Marmalade please look at the second paragraph"
TODAY = datetime.date(2026, 12, 1)  # a Tuesday, ISO week 49


@pytest.fixture
def today():
    return TODAY


@pytest.fixture
def busy(enrolment, learner, today):
    """A portfolio with something for every reminder: an action past its date, a quiet month, a
    sign-off request waiting, a workshop in three days, and six months in with nothing signed off."""
    started = today - datetime.timedelta(days=190)
    Cohort.objects.filter(pk=enrolment.cohort_id).update(start_date=started)
    Enrolment.objects.filter(pk=enrolment.pk).update(
        created_at=timezone.make_aware(datetime.datetime.combine(started, datetime.time(9)))
    )
    enrolment.refresh_from_db()
    action = portfolio_services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        title=SECRET_TITLE,
        content={**action_content(today - datetime.timedelta(days=10)), "actions": SECRET_TEXT},
    )
    criterion = enrolment.cohort.programme.criteria.order_by("pk").first()
    portfolio_services.link_evidence(action, criterion=criterion, how_it_shows=SECRET_TEXT, user=learner)
    request_sign_off(enrolment=enrolment, criterion=criterion, user=learner, entries=[action.uuid], note=SECRET_NOTE)
    month_ago = timezone.now() - datetime.timedelta(days=30)
    Entry.objects.filter(enrolment=enrolment).update(updated_at=month_ago)
    workshop = enrolment.cohort.workshops.order_by("number").first()
    workshop.date = today + datetime.timedelta(days=3)
    workshop.save()
    mail.outbox.clear()
    return enrolment

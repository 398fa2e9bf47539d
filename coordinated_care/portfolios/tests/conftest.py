"""A portfolio with something of every kind in it, for the view, access and query-count tests."""

import datetime
from types import SimpleNamespace

import pytest

from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.models import Criterion, Workshop

from .builders import action_content, add_case_study, pdf


@pytest.fixture
def criteria(enrolment):
    return list(Criterion.objects.filter(programme=enrolment.cohort.programme).order_by("group__position", "position"))


@pytest.fixture
def portfolio(enrolment, learner, criteria):
    """One of everything: a case study at version 2 with evidence, an overdue action, a training
    record with a certificate, a workshop note, a partly filled worksheet and the accredited training."""
    today = datetime.date.today()
    case_study = add_case_study(enrolment, learner, criteria=criteria[:3])
    case_study = services.update_entry(
        case_study, content={**case_study.content, "outcomes": "Changed"}, user=learner, seen_version=1
    )
    action = services.create_entry(
        enrolment=enrolment,
        kind=Entry.Kind.ACTION,
        user=learner,
        content=action_content(today - datetime.timedelta(days=3)),
    )
    training = services.add_entry(
        enrolment=enrolment,
        kind=Entry.Kind.TRAINING_RECORD,
        user=learner,
        content={"title": "Safeguarding level 2", "provider": "Training hub", "occurred_on": today, "learning": "x"},
        upload=pdf(),
    )
    workshop = Workshop.objects.filter(cohort=enrolment.cohort).order_by("number").first()
    note = services.save_workshop_note(
        enrolment, workshop, content={"attended": "yes", "notes": "Useful"}, user=learner
    )
    names = list(enrolment.cohort.programme.values.values_list("name", flat=True))
    worksheet = services.save_values_worksheet(enrolment, answers={names[0]: {"what": "w", "why": "y"}}, user=learner)
    services.save_accredited_training(
        enrolment,
        completed_on=today - datetime.timedelta(days=60),
        provider="PCI",
        user=learner,
        certificate_upload=pdf(),
    )
    return SimpleNamespace(
        enrolment=enrolment,
        case_study=case_study,
        action=action,
        training=training,
        attachment=training.attachments.get(),
        workshop=workshop,
        note=note,
        worksheet=worksheet,
        criterion=criteria[0],
        value_names=names,
    )

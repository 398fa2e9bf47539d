"""Every portfolio page takes a fixed number of queries, whatever the number of entries, evidence
links, versions or files: measured with one of each, then again with ten more."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from coordinated_care.assessments.services import record_look
from coordinated_care.portfolios import services, uploads
from coordinated_care.portfolios.models import Entry

from .builders import action_content, add_case_study, pdf

MORE = 10


def grow(portfolio, criteria, learner):
    """Ten more of everything the pages list."""
    enrolment = portfolio.enrolment
    today = datetime.date.today()
    for n in range(MORE):
        add_case_study(enrolment, learner, n + 2, criteria=criteria[n : n + 3])
        services.create_entry(
            enrolment=enrolment,
            kind=Entry.Kind.ACTION,
            user=learner,
            content=action_content(today - datetime.timedelta(days=n + 1)),
        )
        services.add_entry(
            enrolment=enrolment,
            kind=Entry.Kind.TRAINING_RECORD,
            user=learner,
            content={"title": f"Course {n}", "occurred_on": today},
            upload=pdf(),
        )
        uploads.store_upload(enrolment, pdf(), learner, entry=portfolio.training)
        entry = Entry.objects.get(pk=portfolio.case_study.pk)
        services.update_entry(
            entry, content={**entry.content, "outcomes": f"Version {n}"}, user=learner, seen_version=entry.version
        )
        worksheet = Entry.objects.get(pk=portfolio.worksheet.pk)
        services.save_values_worksheet(
            enrolment,
            answers={name: {"what": f"w{n}", "why": "y"} for name in portfolio.value_names},
            user=learner,
            seen_version=worksheet.version,
        )
    services.set_evidence_links(
        portfolio.case_study,
        links={criterion: f"Shows {criterion.code}" for criterion in criteria[: MORE + 3]},
        user=learner,
    )
    for n in range(1, MORE + 1):
        workshop = portfolio.workshop.cohort.workshops.get(number=n + 1)
        services.save_workshop_note(enrolment, workshop, content={"attended": "yes", "notes": "n"}, user=learner)


PAGES = {
    # name: (URL arguments, queries for (the learner, their facilitator, the cohort's lead)); a
    # session and a user query of each come from signing in, and the lead's one more from the
    # check that they lead the cohort; one of everyone's reads their roles for the header. The
    # overview adds three for completion (assessments), and the overview, entry and criterion
    # pages record the facilitator's look (four savepoints and two queries under test, two
    # savepoints for anyone else); the criterion page's sign-off panel adds one, and its critical
    # reflection on the shortfall one more (assessments, issue 12). For the learner, the entry
    # form and the entry page read the criteria for the suggestions and the picker (one query,
    # issue 13), and the criterion page the entries it may add as evidence (one).
    # The overview's ongoing-feedback sections count what came by a feedback link (one query, issue 12).
    # The overview's progress comes from the stored progress facts (ADR 22): the learner, reading
    # first after the portfolio changed, counts it again (three queries more than counting it
    # outright: the facts, their versions, writing them back); the facilitator and the lead read
    # what is stored (eleven fewer). Its completion panel reads the same facts (three fewer), and
    # its progress at a glance, rendered once for the facts' version, is kept in the cache
    # (portfolios.presenters.glance): the learner's recount and the facilitator's first read of
    # what is stored render it, the lead reads it from the cache (six fewer: the criteria, the
    # documents, the overdue actions and the completion's three).
    "overview": (lambda p: [p.enrolment.uuid], (30, 18, 12)),
    "section-case-studies": (lambda p: [p.enrolment.uuid, "case-studies"], (5, 5, 6)),
    "section-action-plan": (lambda p: [p.enrolment.uuid, "action-plan"], (5, 5, 6)),
    "section-training": (lambda p: [p.enrolment.uuid, "training"], (5, 5, 6)),
    # The workshops page reads the learner's own schedule (its changes, one query, ADR 17), and
    # asks whether the reader adapts it (the lead's one more: that they lead the cohort).
    "section-workshops": (lambda p: [p.enrolment.uuid, "workshops"], (7, 7, 9)),
    "new_entry": (lambda p: [p.enrolment.uuid, "case-studies"], (6,)),
    "entry": (lambda p: [p.enrolment.uuid, p.case_study.uuid], (11, 14, 11)),
    "entry-training": (lambda p: [p.enrolment.uuid, p.training.uuid], (11, 14, 11)),
    "entry-worksheet": (lambda p: [p.enrolment.uuid, p.worksheet.uuid], (12, 15, 12)),
    "edit_entry": (lambda p: [p.enrolment.uuid, p.case_study.uuid], (6,)),
    "entry_evidence": (lambda p: [p.enrolment.uuid, p.case_study.uuid], (8,)),
    "entry_versions": (lambda p: [p.enrolment.uuid, p.case_study.uuid], (6, 6, 7)),
    "entry_version": (lambda p: [p.enrolment.uuid, p.case_study.uuid, 1], (6, 6, 7)),
    "criterion": (lambda p: [p.enrolment.uuid, p.criterion.code], (12, 15, 12)),
    "values_worksheet": (lambda p: [p.enrolment.uuid], (7, 6, 7)),
    "workshop_note": (lambda p: [p.enrolment.uuid, p.workshop.number], (7,)),
    "accredited_training": (lambda p: [p.enrolment.uuid], (5, 5, 6)),
}


def count(client, url):
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured)


@pytest.mark.parametrize("page", list(PAGES))
def test_queries_do_not_grow_with_the_portfolio(
    page, portfolio, criteria, learner, facilitator, programme_lead, signed_in
):
    args, expected = PAGES[page]
    url = reverse(f"portfolios:{page.split('-')[0]}", args=args(portfolio))
    # Forms are the learner's alone; reading pages are measured for a facilitator and a lead too.
    readers = [learner] if len(expected) == 1 else [learner, facilitator, programme_lead]
    # The facilitator has looked before: a first look inserts, later ones update.
    record_look(facilitator, portfolio.enrolment)
    small = tuple(count(signed_in(reader), url) for reader in readers)
    grow(portfolio, criteria, learner)
    large = tuple(count(signed_in(reader), url) for reader in readers)
    assert small == large == expected

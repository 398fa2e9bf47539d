"""Who sees what (issue item 8): every portfolio URL, for every persona and the anonymous visitor,
read (GET) and write (POST), through the one harness of the root conftest.

The learner reads and writes their own portfolio; their facilitator, supervisor and the cohort's
programme leads read it; everyone else is told it does not exist (404), and the anonymous visitor
is sent to sign in. A refused request changes nothing. The learner's reasonable adjustments are
narrower: of the readers, the supervisor is refused them (403), and only the learner's facilitator
or the cohort's lead agrees one."""

from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import reverse

from conftest import EVERYONE, NOT_ALLOWED, PORTFOLIO_READERS, Access, check_access
from coordinated_care.portfolios import services
from coordinated_care.portfolios.models import Attachment, Draft, Entry, EntryVersion, EvidenceLink
from coordinated_care.programmes.models import AccreditedTraining, ReasonableAdjustment
from coordinated_care.programmes.services.adjustments import record_adjustment

from .builders import CASE_STUDY, pdf

# Who may GET a URL: every reader, only the learner (a form), or nobody (it only takes POST).
READ, WRITE, POST_ONLY = "read", "write", "post-only"
LEARNER = frozenset({"learner"})
# Reasonable adjustments (programmes.services.adjustments): seen, recorded and removed by the learner,
# their facilitator and the cohort's lead; agreed by the facilitator or the lead, never the learner.
# The workplace supervisor reads the portfolio but is refused them (403).
ADJUSTMENTS = frozenset({"learner", "facilitator", "programme_lead"})
AGREERS = frozenset({"facilitator", "programme_lead"})


@dataclass
class Case:
    name: str
    args: Callable  # portfolio -> URL arguments
    get: str | frozenset  # READ, WRITE, POST_ONLY, or the personas who may GET
    post: Callable | None = None  # portfolio -> the data of a valid POST, when the URL takes one
    id: str = field(default="")
    post_by: frozenset = LEARNER  # who may POST, when the URL takes one

    def url(self, portfolio):
        return reverse(f"portfolios:{self.name}", args=self.args(portfolio))

    @property
    def access(self):
        get = {READ: PORTFOLIO_READERS, WRITE: LEARNER, POST_ONLY: NOT_ALLOWED}.get(self.get, self.get)
        return Access(readers=PORTFOLIO_READERS, get=get, post=self.post_by if self.post else NOT_ALLOWED)

    def __str__(self):
        return self.id or self.name


def state():
    """Everything a portfolio request could change."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (Entry, EntryVersion, EvidenceLink, Attachment, Draft, AccreditedTraining, ReasonableAdjustment)
    ]


@pytest.fixture
def portfolio(portfolio):
    """The portfolio of the conftest, and a reasonable adjustment the learner recorded, not agreed yet."""
    portfolio.adjustment = record_adjustment(
        portfolio.enrolment, by=portfolio.enrolment.learner, adjustment="Extra time to write up case studies"
    )
    return portfolio


def _date(prefix, value):
    return {f"{prefix}_day": value.day, f"{prefix}_month": value.month, f"{prefix}_year": value.year}


CASES = [
    Case("overview", lambda p: [p.enrolment.uuid], READ),
    Case("section", lambda p: [p.enrolment.uuid, "case-studies"], READ, id="section-case-studies"),
    Case("section", lambda p: [p.enrolment.uuid, "action-plan"], READ, id="section-action-plan"),
    Case("section", lambda p: [p.enrolment.uuid, "workshops"], READ, id="section-workshops"),
    Case("new_entry", lambda p: [p.enrolment.uuid, "case-studies"], WRITE, post=lambda p: CASE_STUDY),
    Case(
        "new_entry",
        lambda p: [p.enrolment.uuid, "training"],
        WRITE,
        post=lambda p: {
            "title": "Course",
            "occurred_on_day": 1,
            "occurred_on_month": 2,
            "occurred_on_year": 2026,
            "attachment": pdf(),
        },
        id="new_entry-training",
    ),
    Case("entry", lambda p: [p.enrolment.uuid, p.case_study.uuid], READ),
    Case("entry", lambda p: [p.enrolment.uuid, p.worksheet.uuid], READ, id="entry-worksheet"),
    Case(
        "edit_entry",
        lambda p: [p.enrolment.uuid, p.case_study.uuid],
        WRITE,
        post=lambda p: {
            **CASE_STUDY,
            "outcomes": "Edited",
            "seen_version": Entry.objects.get(pk=p.case_study.pk).version,
        },
    ),
    Case(
        "entry_status",
        lambda p: [p.enrolment.uuid, p.action.uuid],
        POST_ONLY,
        post=lambda p: {"status": "done", "seen_version": p.action.version},
    ),
    Case(
        "entry_evidence",
        lambda p: [p.enrolment.uuid, p.case_study.uuid],
        WRITE,
        post=lambda p: {f"criterion_{p.criterion.pk}": "on", f"how_{p.criterion.pk}": "It shows it by..."},
    ),
    Case("entry_attachments", lambda p: [p.enrolment.uuid, p.training.uuid], POST_ONLY, post=lambda p: {"file": pdf()}),
    Case("entry_versions", lambda p: [p.enrolment.uuid, p.case_study.uuid], READ),
    Case("entry_version", lambda p: [p.enrolment.uuid, p.case_study.uuid, 1], READ),
    Case("criterion", lambda p: [p.enrolment.uuid, p.criterion.code], READ),
    Case(
        "add_criterion_evidence",
        lambda p: [p.enrolment.uuid, p.criterion.code],
        POST_ONLY,
        post=lambda p: {"entry": str(p.action.uuid), "how_it_shows": "The action plans it."},
    ),
    Case(
        "link_entry_to_criterion",
        lambda p: [p.enrolment.uuid, p.action.uuid, p.criterion.code],
        POST_ONLY,
        post=lambda p: {"how_it_shows": "The action plans the signposting."},
    ),
    Case(
        "values_worksheet",
        lambda p: [p.enrolment.uuid],
        READ,
        post=lambda p: {
            "value_1_what": "What",
            "value_1_why": "Why",
            "seen_version": Entry.objects.get(pk=p.worksheet.pk).version,
        },
    ),
    Case(
        "workshop_note",
        lambda p: [p.enrolment.uuid, p.workshop.number],
        WRITE,
        post=lambda p: {
            "attended": "partly",
            "notes": "Left early",
            "seen_version": Entry.objects.get(pk=p.note.pk).version,
        },
    ),
    Case(
        "accredited_training",
        lambda p: [p.enrolment.uuid],
        READ,
        post=lambda p: {"provider": "Another provider", **_date("completed_on", p.workshop.date.replace(year=2025))},
    ),
    Case("attachment", lambda p: [p.enrolment.uuid, p.attachment.uuid], READ),
    Case("remove_attachment", lambda p: [p.enrolment.uuid, p.attachment.uuid], POST_ONLY, post=lambda p: {}),
    Case(
        "draft",
        lambda p: [p.enrolment.uuid],
        POST_ONLY,
        post=lambda p: {"key": f"{p.enrolment.uuid}:new:case-studies", "overview": "Half a thought"},
    ),
    Case("front_sheet", lambda p: [p.enrolment.uuid], READ),
    Case(
        "reasonable_adjustments",
        lambda p: [p.enrolment.uuid],
        ADJUSTMENTS,
        post=lambda p: {"adjustment": "Workshop slides printed in a larger font"},
        post_by=ADJUSTMENTS,
    ),
    Case(
        "agree_reasonable_adjustment",
        lambda p: [p.enrolment.uuid, p.adjustment.uuid],
        POST_ONLY,
        post=lambda p: {},
        post_by=AGREERS,
    ),
    Case(
        "remove_reasonable_adjustment",
        lambda p: [p.enrolment.uuid, p.adjustment.uuid],
        POST_ONLY,
        post=lambda p: {},
        post_by=ADJUSTMENTS,
    ),
]


@pytest.mark.parametrize("persona", EVERYONE)
@pytest.mark.parametrize("case", CASES, ids=str)
def test_every_persona_on_every_url(case, persona, portfolio, request):
    data = (lambda: case.post(portfolio)) if case.post else None
    check_access(request, persona, case.url(portfolio), case.access, data=data, state=state)


# URLs whose readers differ from the rest, walked through every persona in their own tests.
COVERED_ELSEWHERE = {
    "redact_entry": "test_redaction.py: the learner and an administrator may redact, other readers are refused",
    "suggestions": "test_linking.py: only the learner asks, answered 200 and nothing changed",
}


def test_every_url_name_is_covered():
    from coordinated_care.portfolios.urls import urlpatterns

    assert {p.name for p in urlpatterns} == {case.name for case in CASES} | set(COVERED_ELSEWHERE)


def test_an_entry_of_another_portfolio_is_not_found_through_ones_own(
    portfolio, other_enrolment, other_learner, signed_in
):
    theirs = services.create_entry(
        enrolment=other_enrolment, kind=Entry.Kind.CASE_STUDY, content=CASE_STUDY, user=other_learner
    )
    client = signed_in(portfolio.enrolment.learner)
    for name in ("entry", "edit_entry", "entry_versions", "entry_evidence"):
        assert (
            client.get(reverse(f"portfolios:{name}", args=[portfolio.enrolment.uuid, theirs.uuid])).status_code == 404
        )
    assert client.get(reverse("portfolios:overview", args=[other_enrolment.uuid])).status_code == 404


def test_a_completed_portfolio_can_be_read_but_not_changed(portfolio, signed_in):
    enrolment = portfolio.enrolment
    enrolment.status = enrolment.Status.COMPLETED
    enrolment.save(update_fields=["status"])
    client = signed_in(enrolment.learner)
    overview = client.get(reverse("portfolios:overview", args=[enrolment.uuid]))
    assert overview.status_code == 200 and b"no longer changed" in overview.content
    assert client.get(reverse("portfolios:new_entry", args=[enrolment.uuid, "case-studies"])).status_code == 403
    assert (
        client.post(reverse("portfolios:new_entry", args=[enrolment.uuid, "case-studies"]), CASE_STUDY).status_code
        == 403
    )


def test_an_unknown_section_or_portfolio_is_not_found(portfolio, signed_in):
    client = signed_in(portfolio.enrolment.learner)
    assert client.get(f"/portfolio/{portfolio.enrolment.uuid}/no-such-section/").status_code == 404
    assert client.get("/portfolio/00000000-0000-0000-0000-000000000000/").status_code == 404
    assert client.get(reverse("portfolios:criterion", args=[portfolio.enrolment.uuid, "XX99"])).status_code == 404
    assert client.get(reverse("portfolios:workshop_note", args=[portfolio.enrolment.uuid, 99])).status_code == 404

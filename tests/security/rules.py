"""Who may do what at every URL of the service: one declared rule per URL pattern.

The rules live here, in one module beside the test that walks them, rather than next to each app's
URLs: a rule needs something real to point at (a portfolio, a feedback link, a signed review), and
building those is test code that the running service must not carry; and one table is what the
permission matrix of docs/security.md is generated from (scripts/permission_matrix.py), so the
document and the test cannot disagree. A URL pattern without a rule here fails
tests/security/test_url_rules.py, so a new view is declared before it lands.

Each rule is an `Access` of the root conftest (readers, who may GET, who may POST) and how to build
its URL from the `World`. The personas are those of the root conftest and the programme lead whose
role was taken away; a revoked role never reads or writes (programmes.services.access). Django's
admin and allauth's pages are declared once for all their patterns (GROUPS): they keep their own
sign-in and their own rules."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from django.urls import reverse

from conftest import ANONYMOUS, NOT_ALLOWED, PERSONAS, PORTFOLIO_READERS, Access

# Every persona the walk signs in as, and the visitor not signed in.
SIGNED_IN = [*PERSONAS, "revoked_programme_lead"]
EVERYONE = [*SIGNED_IN, ANONYMOUS]

LEARNER = frozenset({"learner"})
LEARNERS = frozenset({"learner", "other_learner"})
FACILITATOR = frozenset({"facilitator"})
LEARNER_AND_FACILITATOR = frozenset({"learner", "facilitator"})
# Who hold the facilitator role today, whichever portfolios they are named on.
FACILITATORS = frozenset({"facilitator", "unassigned_facilitator"})
# Who runs the cohort: its leads while they hold the role, and the administrators.
RUNNERS = frozenset({"programme_lead", "administrator"})
LEAD = frozenset({"programme_lead"})
# Who adapts one learner's schedule: their facilitator and whoever runs the cohort.
SCHEDULE_ADAPTERS = frozenset({"facilitator", "programme_lead", "administrator"})
# Who see a learner's reasonable adjustments: not every reader of the portfolio (the supervisor).
ADJUSTMENT_READERS = frozenset({"learner", "facilitator", "programme_lead"})
# Who manages role profiles, teams' needs and service checklists.
MANAGERS = frozenset({"employer", "administrator"})
# Everyone signed in. The revoked personas still have an account (they keep other roles' pages).
ALL_SIGNED_IN = frozenset(SIGNED_IN)
OPEN = frozenset(EVERYONE)


@dataclass(frozen=True)
class Rule:
    """`who`: the rule in words, for the matrix; `url`: World -> the address walked; `access`: who
    may do what there; `data`: World -> a valid POST, for the URLs that take one."""

    who: str
    url: Callable
    access: Access
    data: Callable | None = None


@dataclass(frozen=True)
class Group:
    """Many URL patterns under one prefix, declared once: `check(response, persona, route)` asserts
    what each persona is answered at any of them."""

    who: str
    prefix: str
    check: Callable


def portfolio(get, post=NOT_ALLOWED, **kwargs):
    return Access(readers=PORTFOLIO_READERS, get=get, post=post, **kwargs)


def public(get=OPEN, post=NOT_ALLOWED, **kwargs):
    return Access(readers=OPEN, get=get, post=post, **kwargs)


def signed_in(get=ALL_SIGNED_IN, post=NOT_ALLOWED, **kwargs):
    return Access(readers=ALL_SIGNED_IN, get=get, post=post, **kwargs)


def signed_in_readers(readers):
    """A page only `readers` may see; everyone else is told it does not exist."""
    return Access(readers=readers, get=readers, post=NOT_ALLOWED)


class World:
    """One of everything a URL can name, built on first use (a rule pays only for what it names)."""

    def __init__(self, request):
        self.request = request

    def fixture(self, name):
        return self.request.getfixturevalue(name)

    @cached_property
    def enrolment(self):
        return self.fixture("enrolment")

    @property
    def e(self):
        return self.enrolment.uuid

    @cached_property
    def portfolio(self):
        return self.fixture("portfolio")

    @cached_property
    def cohort(self):
        return self.enrolment.cohort

    @cached_property
    def programme(self):
        return self.cohort.programme

    @cached_property
    def programme_draft(self):
        """A draft version 2 of the cohort's programme (ADR 17)."""
        from coordinated_care.programmes.services.versions import new_draft

        return new_draft(self.programme, self.fixture("programme_lead"))

    @cached_property
    def feedback(self):
        from coordinated_care.feedback import services
        from coordinated_care.feedback.models import ResponseEvidenceLink
        from coordinated_care.feedback.tests.conftest import make_response

        learner = self.fixture("learner")
        online = make_response(self.enrolment)
        paper = services.transcribe(
            enrolment=self.enrolment,
            audience="patient",
            answers={"respondent": "carer", "needs": 4, "choice": 4, "talked": 4, "respect": 4, "feelings": 4},
            received_on=online.received_on,
            user=learner,
        )
        link = ResponseEvidenceLink.objects.create(
            response=online, criterion=self.programme.criteria.first(), how_it_shows="Shows listening."
        )
        issued = services.create_requests(enrolment=self.enrolment, audience="patient", user=learner)[0]
        return Namespace(online=online, paper=paper, link=link, request=issued.request, token=issued.token)

    @cached_property
    def asked_request(self):
        """A member of staff's feedback link the learner addressed to their workplace supervisor."""
        from coordinated_care.feedback import services

        issued = services.create_requests(
            enrolment=self.enrolment, audience="staff", user=self.fixture("learner"), to_supervisor=True
        )
        return issued[0].request

    @cached_property
    def reminder_token(self):
        """The link in the learner's reminders that changes their choices."""
        from coordinated_care.reminders.choices import link_token

        return link_token(self.fixture("learner"))

    @cached_property
    def export(self):
        """The learner's PDF of their portfolio, made (small: who may have it is the question here)."""
        from coordinated_care.portfolios.tests.builders import pdf_with_text
        from coordinated_care.reports.document import pdf, services
        from coordinated_care.reports.models import PortfolioExport

        self.fixture("monkeypatch").setattr(pdf, "render_pdf", lambda *args, **kwargs: pdf_with_text("A portfolio"))
        with self.fixture("django_capture_on_commit_callbacks")(execute=True):
            export = services.request_export(self.enrolment, self.fixture("learner"))
        export.refresh_from_db()
        assert export.status == PortfolioExport.Status.DONE
        return export

    @cached_property
    def assessments(self):
        from coordinated_care.assessments.models import Review
        from coordinated_care.assessments.services import invitations
        from coordinated_care.assessments.tests.helpers import ask, decide, evidence, written_review

        learner, facilitator = self.fixture("learner"), self.fixture("facilitator")
        open_request = ask(self.enrolment, learner, "PC1")
        decided = decide(ask(self.enrolment, learner, "PC2"), facilitator)
        spare = evidence(self.enrolment, learner, "PC3")
        review = written_review(self.enrolment, learner, facilitator, Review.Kind.INITIAL)
        final = Review.objects.create(
            enrolment=self.enrolment, kind=Review.Kind.FINAL, created_by=facilitator, updated_by=facilitator
        )
        tokens = []
        invitation = invitations.invite(
            final,
            user=facilitator,
            name="Sam Extra",
            email="sam@example.test",
            url_for=lambda token: tokens.append(token) or token,
        )
        return Namespace(
            open_request=open_request,
            decided=decided,
            spare=spare,
            review=review,
            final=final,
            invitation=invitation,
            token=tokens[0],
        )

    @cached_property
    def changed_sign_off(self):
        """An achieved sign-off of CS1 whose case study the learner then changed by a sentence."""
        from coordinated_care.assessments.tests.helpers import changed_sign_off

        return changed_sign_off(self.enrolment, self.fixture("learner"), self.fixture("facilitator"), "CS1")

    @cached_property
    def record_signatures(self):
        """An interprofessional record, and a critical reflection on PC4 the facilitator agreed."""
        from coordinated_care.assessments.tests.record_builders import agreed, interprofessional_record, reflection

        learner, facilitator = self.fixture("learner"), self.fixture("facilitator")
        record = interprofessional_record(self.enrolment, learner)
        return Namespace(record=record, reflection=agreed(reflection(self.enrolment, learner), facilitator))

    @cached_property
    def adjustment(self):
        """A reasonable adjustment the learner recorded, waiting for their facilitator to agree it."""
        from coordinated_care.programmes.services.adjustments import record_adjustment

        return record_adjustment(self.enrolment, by=self.fixture("learner"), adjustment="Extra time to write up")

    @cached_property
    def added_workshop(self):
        """A workshop the learner's facilitator added to their schedule alone."""
        from coordinated_care.programmes.services.schedule import add_learner_workshop

        return add_learner_workshop(
            enrolment=self.enrolment,
            user=self.fixture("facilitator"),
            theme="Catch-up session",
            date=datetime.date(2027, 5, 4),
            reason="Missed the first workshop",
        )

    @cached_property
    def delegation(self):
        """Assessing the learner delegated, from today for two weeks, to a colleague of their
        facilitator's practice (ADR 16)."""
        return _delegation(self.enrolment)

    @cached_property
    def feedback_summary_hash(self):
        """One patient's feedback on the portfolio, and the hash of its summary as a signer reads it."""
        from coordinated_care.assessments.services.feedback_summaries import summary_hash
        from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse
        from coordinated_care.reports.feedback_summary.summaries import summary_data

        FeedbackResponse.objects.create(
            enrolment=self.enrolment,
            audience=FeedbackRequest.Audience.PATIENT,
            received_on=datetime.date(2027, 3, 3),
            respondent="patient",
            needs=5,
        )
        return summary_hash(summary_data(self.enrolment))

    @cached_property
    def framework_version(self):
        from coordinated_care.frameworks.services import load_shipped_framework
        from coordinated_care.roles import services

        # The cohort's programme is built from the shipped framework: the enrolment first, so that
        # both name the same version.
        self.enrolment  # noqa: B018
        version = load_shipped_framework()
        services.load_shipped_content()
        return version

    @cached_property
    def framework_item(self):
        from coordinated_care.frameworks.models import FrameworkItem

        return FrameworkItem.objects.filter(version=self.framework_version, kind="competency").order_by("pk").first()

    @cached_property
    def domain(self):
        from coordinated_care.frameworks.models import FrameworkItem

        return FrameworkItem.objects.filter(version=self.framework_version, kind="domain").order_by("pk").first()

    @cached_property
    def framework_draft(self):
        """A draft of the shipped framework (version 2), started from its published version 1."""
        from coordinated_care.frameworks.services.drafts import start_draft

        return start_draft(self.framework_version.framework)

    @cached_property
    def profile(self):
        """A published role profile of the `practice` persona's organisation (its employer manages
        it), with a draft of its next version."""
        from coordinated_care.roles import services
        from coordinated_care.roles.tests.conftest import PROFILE_FILE

        self.framework_version  # noqa: B018
        profile = services.import_profile(Path(PROFILE_FILE).read_text(encoding="utf-8"))
        services.publish(services.draft_of(profile))
        services.new_version(profile)
        return profile

    @cached_property
    def holder(self):
        """The learner persona, in the profile's role at their practice and rated on every pick."""
        from coordinated_care.roles import services
        from coordinated_care.roles.models import RoleHolder

        person = RoleHolder.objects.create(
            user=self.fixture("learner"), profile=self.profile, organisation=self.fixture("practice")
        )
        picks = services.ordered_picks(services.current_version(self.profile))
        services.save_self_evaluation(person, {pick.pk: (1, 3) for pick in picks})
        return person

    @cached_property
    def service(self):
        from coordinated_care.roles.services import checklists

        return checklists.create_service(
            organisation=self.fixture("practice"), framework=self.framework_version.framework, name="Frailty service"
        )

    @cached_property
    def course(self):
        from coordinated_care.roles.services import coverage

        return coverage.create_course(
            training_provider=self.fixture("training_provider"),
            framework_version=self.framework_version,
            title="Induction course",
        )


class Namespace(dict):
    __getattr__ = dict.__getitem__


def _date(prefix, day):
    return {f"{prefix}_day": day.day, f"{prefix}_month": day.month, f"{prefix}_year": day.year}


def _delegation(enrolment):
    from django.utils import timezone

    from coordinated_care.accounts.models import Role
    from coordinated_care.accounts.tests.factories import RoleAssignmentFactory
    from coordinated_care.programmes.services import delegations

    colleague = RoleAssignmentFactory(role=Role.FACILITATOR, organisation=enrolment.practice).user
    today = timezone.localdate()
    return delegations.delegate(
        enrolment=enrolment,
        user=enrolment.facilitator,
        delegate=colleague,
        starts_on=today,
        ends_on=today + datetime.timedelta(days=13),
        reason="Annual leave",
    )


def _delegation_form(w):
    today = datetime.date.today() + datetime.timedelta(days=30)
    return {
        "delegate": w.delegation.delegate.pk,
        **_date("starts_on", today),
        **_date("ends_on", today + datetime.timedelta(days=6)),
        "reason": "Study leave",
    }


def u(name, *args):
    """reverse() with the arguments computed from the World."""

    def build(world):
        return reverse(name, args=[arg(world) if callable(arg) else arg for arg in args])

    return build


def _e(w):
    return w.e


def _draft_url(name, *extra):
    """The address of a page of the World's framework draft."""
    return lambda w: reverse(
        f"framework:{name}", args=[w.framework_draft.framework.slug, w.framework_draft.number, *extra]
    )


def _content_url(name, *extra):
    """The address of a page of the role profile content of COM.1 in the World's framework draft."""
    return lambda w: reverse(
        f"roles:{name}", args=[w.framework_draft.framework.slug, w.framework_draft.number, "COM.1", *extra]
    )


P = "Portfolio readers (the learner, and their facilitator, supervisor and cohort lead while they hold the role)"

RULES: dict[str, Rule] = {
    # core
    "healthz": Rule("Anyone: the load balancer's check", u("healthz"), public()),
    "healthz_live": Rule("Anyone: the process's liveness", u("healthz_live"), public()),
    # homes: everyone signed in has a home; each role's home is for that role.
    "home": Rule("Everyone signed in: sent on to their role's home", u("home"), signed_in(get_status=302)),
    "learner_home": Rule("Learners", u("learner_home"), signed_in(get=LEARNERS)),
    "facilitator_home": Rule("Facilitators", u("facilitator_home"), signed_in(get=FACILITATORS)),
    "supervisor_home": Rule("Supervisors", u("supervisor_home"), signed_in(get={"supervisor"})),
    "programme_lead_home": Rule("Programme leads", u("programme_lead_home"), signed_in(get=LEAD)),
    "employer_home": Rule("Employers", u("employer_home"), signed_in(get={"employer"})),
    "administrator_home": Rule("Administrators", u("administrator_home"), signed_in(get={"administrator"})),
    # programmes
    "programmes:index": Rule("Everyone signed in", u("programmes:index"), signed_in()),
    "programmes:programme": Rule(
        "Everyone signed in", u("programmes:programme", lambda w: w.programme.slug), signed_in()
    ),
    "programmes:cohorts": Rule(
        "The cohort's leads and administrators", u("programmes:cohorts"), Access(RUNNERS, get=RUNNERS)
    ),
    "programmes:cohort_create": Rule(
        "Programme leads (administrators use the Django admin)",
        u("programmes:cohort_create"),
        Access(RUNNERS, get=LEAD, post=LEAD, post_status=200, changes=False),
    ),
    "programmes:cohort": Rule(
        "The cohort's leads and administrators",
        u("programmes:cohort", lambda w: w.cohort.uuid),
        Access(RUNNERS, get=RUNNERS),
    ),
    "programmes:workshop": Rule(
        "The cohort's leads and administrators",
        u("programmes:workshop", lambda w: w.cohort.uuid, 3),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS, post_status=200, changes=False),
    ),
    "programmes:enrol": Rule(
        "The cohort's leads and administrators",
        u("programmes:enrol", lambda w: w.cohort.uuid),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS, post_status=200, changes=False),
    ),
    "programmes:cohort_workshop_add": Rule(
        "The cohort's leads and administrators",
        u("programmes:cohort_workshop_add", lambda w: w.cohort.uuid),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS, post_status=200, changes=False),
    ),
    # A learner's own schedule (ADR 17): their facilitator, the cohort's leads and administrators.
    "programmes:learner_schedule": Rule(
        "The learner's facilitator, the cohort's leads and administrators",
        u("programmes:learner_schedule", lambda w: w.e),
        Access(SCHEDULE_ADAPTERS, get=SCHEDULE_ADAPTERS),
    ),
    "programmes:learner_workshop": Rule(
        "The learner's facilitator, the cohort's leads and administrators",
        u("programmes:learner_workshop", lambda w: w.e, 3),
        Access(SCHEDULE_ADAPTERS, get=SCHEDULE_ADAPTERS, post=SCHEDULE_ADAPTERS, post_status=200, changes=False),
    ),
    # Programme versions (ADR 17): programme leads and administrators change a programme in a draft.
    "programmes:versions": Rule(
        "Programme leads and administrators",
        u("programmes:versions", lambda w: w.programme.slug),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS),
    ),
    "programmes:draft": Rule(
        "Programme leads and administrators",
        u("programmes:draft", lambda w: w.programme_draft.slug),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS),
    ),
    "programmes:draft_criterion": Rule(
        "Programme leads and administrators",
        u("programmes:draft_criterion", lambda w: w.programme_draft.slug, "PC1"),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS, post_status=200, changes=False),
    ),
    "programmes:draft_criterion_add": Rule(
        "Programme leads and administrators",
        u("programmes:draft_criterion_add", lambda w: w.programme_draft.slug),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS, post_status=200, changes=False),
    ),
    "programmes:draft_workshop": Rule(
        "Programme leads and administrators",
        u("programmes:draft_workshop", lambda w: w.programme_draft.slug, 1),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS, post_status=200, changes=False),
    ),
    "programmes:draft_workshop_add": Rule(
        "Programme leads and administrators",
        u("programmes:draft_workshop_add", lambda w: w.programme_draft.slug),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS, post_status=200, changes=False),
    ),
    # With no later version to move to, the page sends the cohort's leads back to the cohort.
    "programmes:cohort_version": Rule(
        "The cohort's leads and administrators",
        u("programmes:cohort_version", lambda w: w.cohort.uuid),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS, get_status=302, changes=False),
    ),
    "programmes:learner_workshop_add": Rule(
        "The learner's facilitator, the cohort's leads and administrators",
        u("programmes:learner_workshop_add", lambda w: w.e),
        Access(SCHEDULE_ADAPTERS, get=SCHEDULE_ADAPTERS, post=SCHEDULE_ADAPTERS, post_status=200, changes=False),
    ),
    # A workshop added for the learner alone is removed after a confirmation page.
    "programmes:learner_workshop_remove": Rule(
        "The learner's facilitator, the cohort's leads and administrators",
        u("programmes:learner_workshop_remove", lambda w: w.e, lambda w: w.added_workshop.pk),
        Access(SCHEDULE_ADAPTERS, get=SCHEDULE_ADAPTERS, post=SCHEDULE_ADAPTERS),
        data=lambda w: {},
    ),
    # Delegating assessing a learner (ADR 16): their facilitator and the cohort's leads.
    "delegations:index": Rule(
        "Portfolio readers see it exist; the learner's facilitator and the cohort's leads delegate",
        u("delegations:index", _e),
        portfolio({"facilitator", "programme_lead"}, {"facilitator", "programme_lead"}),
        data=_delegation_form,
    ),
    "delegations:withdraw": Rule(
        "Portfolio readers see it exist; the learner's facilitator and the cohort's leads withdraw it",
        u("delegations:withdraw", lambda w: w.delegation.uuid),
        portfolio({"facilitator", "programme_lead"}, {"facilitator", "programme_lead"}),
        data=lambda w: {},
    ),
    # frameworks: published reference material for everyone signed in
    "framework:index": Rule("Everyone signed in", u("framework:index"), signed_in()),
    "framework:search": Rule("Everyone signed in", lambda w: reverse("framework:search") + "?q=care", signed_in()),
    "framework:framework": Rule(
        "Everyone signed in",
        u("framework:framework", lambda w: w.framework_version.framework.slug),
        signed_in(get_status=302),
    ),
    "framework:checklist": Rule(
        "Everyone signed in", u("framework:checklist", lambda w: w.framework_version.framework.slug), signed_in()
    ),
    "framework:version": Rule(
        "Everyone signed in",
        u("framework:version", lambda w: w.framework_version.framework.slug, lambda w: w.framework_version.number),
        signed_in(),
    ),
    "framework:domain": Rule(
        "Everyone signed in",
        u(
            "framework:domain",
            lambda w: w.framework_version.framework.slug,
            lambda w: w.framework_version.number,
            lambda w: w.domain.code,
        ),
        signed_in(),
    ),
    "framework:item": Rule(
        "Everyone signed in",
        u(
            "framework:item",
            lambda w: w.framework_version.framework.slug,
            lambda w: w.framework_version.number,
            lambda w: w.framework_item.kind,
            lambda w: w.framework_item.code,
        ),
        signed_in(),
    ),
    # frameworks: an administrator's drafts (views_drafts); to anyone else they do not exist
    "framework:start_draft": Rule(
        "Administrators",
        u("framework:start_draft", lambda w: w.framework_version.framework.slug),
        Access(readers={"administrator"}, get=NOT_ALLOWED, post={"administrator"}, changes=False),
    ),
    **{
        f"framework:{name}": Rule(
            "Administrators",
            _draft_url(name, *extra),
            Access(readers={"administrator"}, get=get, post=post, post_status=status, changes=False),
            data=data,
        )
        for name, extra, get, post, status, data in (
            ("draft", (), {"administrator"}, NOT_ALLOWED, 302, None),
            ("compare", (), {"administrator"}, NOT_ALLOWED, 302, None),
            ("add_item", (), {"administrator"}, {"administrator"}, 200, None),
            ("edit_item", ("COM.1",), {"administrator"}, {"administrator"}, 200, None),
            ("move_item", ("COM",), NOT_ALLOWED, {"administrator"}, 302, lambda w: {"direction": "down"}),
            ("remove_item", ("COM.4",), {"administrator"}, {"administrator"}, 302, None),
            ("publish", (), {"administrator"}, {"administrator"}, 302, None),
        )
    },
    # roles: the role profile content of a framework draft's competency (views_content, ADR 23),
    # reached from the draft's page; to anyone but an administrator it does not exist
    **{
        f"roles:{name}": Rule(
            "Administrators",
            _content_url(name, *extra),
            Access(readers={"administrator"}, get=get, post=post, post_status=status, changes=False),
            data=data,
        )
        for name, extra, get, post, status, data in (
            ("content", (), {"administrator"}, {"administrator"}, 200, None),
            ("add_question", (), {"administrator"}, {"administrator"}, 200, None),
            ("edit_question", (1,), {"administrator"}, {"administrator"}, 200, None),
            ("move_question", (1,), NOT_ALLOWED, {"administrator"}, 302, lambda w: {"direction": "down"}),
            ("remove_question", (2,), {"administrator"}, {"administrator"}, 302, None),
        )
    },
    # audit
    "audit:portfolio_history": Rule(P, u("audit:portfolio_history", _e), portfolio(PORTFOLIO_READERS)),
    "audit:history": Rule(
        P + ", for what is filed under a portfolio",
        lambda w: reverse("audit:history", args=["portfolios.entry", w.portfolio.case_study.pk]),
        portfolio(PORTFOLIO_READERS),
    ),
    # feedback: the public pages open from a link; the portfolio's pages follow the portfolio
    "feedback:respond": Rule(
        "Anyone with the link", u("feedback:respond", lambda w: w.feedback.token), public(post=OPEN, post_status=200)
    ),
    "feedback:answer": Rule(
        "Anyone with the link",
        u("feedback:answer", lambda w: w.feedback.token),
        public(get=NOT_ALLOWED, post=OPEN, post_status=200, changes=False),
    ),
    "feedback:asked": Rule(
        "The workplace supervisor it is addressed to, while the enrolment names them and it is open",
        u("feedback:asked", lambda w: w.asked_request.uuid),
        Access(readers={"supervisor"}, get={"supervisor"}, post={"supervisor"}),
        data=lambda w: {"their_role": "Practice manager", "input": "Ran the team huddle well."},
    ),
    "feedback:thanks": Rule("Anyone", u("feedback:thanks"), public()),
    "feedback:declined": Rule("Anyone", u("feedback:declined"), public()),
    "feedback:overview": Rule(P, u("feedback:overview", _e), portfolio(PORTFOLIO_READERS)),
    "feedback:requests": Rule(P, u("feedback:requests", _e), portfolio(PORTFOLIO_READERS)),
    "feedback:ask": Rule(
        "The learner and their facilitator", u("feedback:ask", _e), portfolio(LEARNER_AND_FACILITATOR)
    ),
    "feedback:new_request": Rule(
        "The learner and their facilitator",
        u("feedback:new_request", _e, "patient"),
        portfolio(LEARNER_AND_FACILITATOR, LEARNER_AND_FACILITATOR, post_status=200),
        data=lambda w: {"learner_name": "Test", "count": "2", "layout": "card", "valid_days": "30"},
    ),
    "feedback:reissue": Rule(
        "The learner and their facilitator",
        u("feedback:reissue", _e, lambda w: w.feedback.request.uuid),
        portfolio(NOT_ALLOWED, LEARNER_AND_FACILITATOR, post_status=200),
        data=lambda w: {},
    ),
    "feedback:withdraw": Rule(
        "The learner and their facilitator",
        u("feedback:withdraw", _e, lambda w: w.feedback.request.uuid),
        portfolio(NOT_ALLOWED, LEARNER_AND_FACILITATOR),
        data=lambda w: {},
    ),
    "feedback:response": Rule(
        P + "; the learner links it as evidence",
        u("feedback:response", _e, lambda w: w.feedback.online.uuid),
        portfolio(PORTFOLIO_READERS, LEARNER),
        data=lambda w: {
            "criterion": w.programme.criteria.order_by("pk").last().pk,
            "how_it_shows": "They said I listened.",
        },
    ),
    "feedback:unlink": Rule(
        "The learner",
        u("feedback:unlink", _e, lambda w: w.feedback.online.uuid, lambda w: w.feedback.link.pk),
        portfolio(NOT_ALLOWED, LEARNER),
        data=lambda w: {},
    ),
    "feedback:countersign": Rule(
        "Their facilitator",
        u("feedback:countersign", _e, lambda w: w.feedback.paper.uuid),
        portfolio(FACILITATOR, FACILITATOR),
        data=lambda w: {"password": "correct-horse-battery", "confirm": "on"},
    ),
    "feedback:remove": Rule(
        "The learner",
        u("feedback:remove", _e, lambda w: w.feedback.paper.uuid),
        portfolio(NOT_ALLOWED, LEARNER),
        data=lambda w: {},
    ),
    "feedback:paper": Rule(
        "The learner (they type in paper forms)",
        u("feedback:paper", _e, "patient"),
        portfolio(LEARNER, LEARNER),
        data=lambda w: {
            "respondent": "patient",
            "needs": "5",
            "choice": "4",
            "talked": "5",
            "respect": "5",
            "feelings": "3",
            **_date("received_on", datetime.date.today()),
        },
    ),
    # portfolios: the learner writes, the readers read
    "portfolios:overview": Rule(P, u("portfolios:overview", _e), portfolio(PORTFOLIO_READERS)),
    "portfolios:front_sheet": Rule(P, u("portfolios:front_sheet", _e), portfolio(PORTFOLIO_READERS)),
    # Reasonable adjustments: the learner, their facilitators and the cohort's lead; not the supervisor.
    "portfolios:reasonable_adjustments": Rule(
        "The learner, their facilitator (or a delegate) and the cohort's lead",
        u("portfolios:reasonable_adjustments", _e),
        portfolio(ADJUSTMENT_READERS, ADJUSTMENT_READERS),
        data=lambda w: {"adjustment": "Slides printed in a larger font"},
    ),
    "portfolios:agree_reasonable_adjustment": Rule(
        "Their facilitator (or a delegate) and the cohort's lead",
        u("portfolios:agree_reasonable_adjustment", _e, lambda w: w.adjustment.uuid),
        portfolio(NOT_ALLOWED, FACILITATOR | LEAD),
        data=lambda w: {},
    ),
    "portfolios:remove_reasonable_adjustment": Rule(
        "The learner, their facilitator (or a delegate) and the cohort's lead",
        u("portfolios:remove_reasonable_adjustment", _e, lambda w: w.adjustment.uuid),
        portfolio(NOT_ALLOWED, ADJUSTMENT_READERS),
        data=lambda w: {},
    ),
    "portfolios:criterion": Rule(
        P, u("portfolios:criterion", _e, lambda w: w.portfolio.criterion.code), portfolio(PORTFOLIO_READERS)
    ),
    "portfolios:values_worksheet": Rule(
        P + "; the learner writes",
        u("portfolios:values_worksheet", _e),
        portfolio(PORTFOLIO_READERS, LEARNER),
        data=lambda w: {
            "value_1_what": "What",
            "value_1_why": "Why",
            "seen_version": type(w.portfolio.worksheet).objects.get(pk=w.portfolio.worksheet.pk).version,
        },
    ),
    "portfolios:accredited_training": Rule(
        P + "; the learner writes",
        u("portfolios:accredited_training", _e),
        portfolio(PORTFOLIO_READERS, LEARNER),
        data=lambda w: {
            "provider": "Another provider",
            **_date("completed_on", w.portfolio.workshop.date.replace(year=2025)),
        },
    ),
    "portfolios:workshop_note": Rule(
        "The learner",
        u("portfolios:workshop_note", _e, lambda w: w.portfolio.workshop.number),
        portfolio(LEARNER, LEARNER),
        data=lambda w: {
            "attended": "partly",
            "notes": "Left early",
            "seen_version": type(w.portfolio.note).objects.get(pk=w.portfolio.note.pk).version,
        },
    ),
    "portfolios:draft": Rule(
        "The learner (autosave)",
        u("portfolios:draft", _e),
        portfolio(NOT_ALLOWED, LEARNER),
        data=lambda w: {"key": f"{w.e}:new:case-studies", "overview": "Half a thought"},
    ),
    "portfolios:attachment": Rule(
        P, u("portfolios:attachment", _e, lambda w: w.portfolio.attachment.uuid), portfolio(PORTFOLIO_READERS)
    ),
    "portfolios:remove_attachment": Rule(
        "The learner",
        u("portfolios:remove_attachment", _e, lambda w: w.portfolio.attachment.uuid),
        portfolio(NOT_ALLOWED, LEARNER),
        data=lambda w: {},
    ),
    "portfolios:entry": Rule(
        P, u("portfolios:entry", _e, lambda w: w.portfolio.case_study.uuid), portfolio(PORTFOLIO_READERS)
    ),
    "portfolios:edit_entry": Rule(
        "The learner",
        u("portfolios:edit_entry", _e, lambda w: w.portfolio.case_study.uuid),
        portfolio(LEARNER, LEARNER),
        data=lambda w: {
            **_case_study(),
            "outcomes": "Edited",
            "seen_version": type(w.portfolio.case_study).objects.get(pk=w.portfolio.case_study.pk).version,
        },
    ),
    "portfolios:entry_status": Rule(
        "The learner",
        u("portfolios:entry_status", _e, lambda w: w.portfolio.action.uuid),
        portfolio(NOT_ALLOWED, LEARNER),
        data=lambda w: {"status": "done", "seen_version": w.portfolio.action.version},
    ),
    "portfolios:entry_evidence": Rule(
        "The learner",
        u("portfolios:entry_evidence", _e, lambda w: w.portfolio.case_study.uuid),
        portfolio(LEARNER, LEARNER),
        data=lambda w: {
            f"criterion_{w.portfolio.criterion.pk}": "on",
            f"how_{w.portfolio.criterion.pk}": "It shows it by...",
        },
    ),
    "portfolios:entry_attachments": Rule(
        "The learner",
        u("portfolios:entry_attachments", _e, lambda w: w.portfolio.training.uuid),
        portfolio(NOT_ALLOWED, LEARNER),
        data=lambda w: {"file": _pdf()},
    ),
    "portfolios:entry_versions": Rule(
        P, u("portfolios:entry_versions", _e, lambda w: w.portfolio.case_study.uuid), portfolio(PORTFOLIO_READERS)
    ),
    "portfolios:entry_version": Rule(
        P, u("portfolios:entry_version", _e, lambda w: w.portfolio.case_study.uuid, 1), portfolio(PORTFOLIO_READERS)
    ),
    "portfolios:redact_entry": Rule(
        "The learner and administrators (who reach it by address; the portfolio's other readers are refused)",
        u("portfolios:redact_entry", _e, lambda w: w.portfolio.case_study.uuid),
        Access(
            readers=PORTFOLIO_READERS | {"administrator"},
            get={"learner", "administrator"},
            post={"learner", "administrator"},
        ),
        data=lambda w: {"text": "befriending service", "field": "all", "reason": "other"},
    ),
    "portfolios:section": Rule(P, u("portfolios:section", _e, "case-studies"), portfolio(PORTFOLIO_READERS)),
    "portfolios:new_entry": Rule(
        "The learner",
        u("portfolios:new_entry", _e, "case-studies"),
        portfolio(LEARNER, LEARNER),
        data=lambda w: _case_study(),
    ),
    "portfolios:suggestions": Rule(
        "The learner (suggested criteria for what they are writing; stores nothing)",
        u("portfolios:suggestions", _e, "case-studies"),
        portfolio(NOT_ALLOWED, LEARNER, post_status=200, changes=False),
        data=lambda w: {"overview": "I signposted them to a befriending service and a carers group."},
    ),
    "portfolios:link_entry_to_criterion": Rule(
        "The learner",
        u(
            "portfolios:link_entry_to_criterion",
            _e,
            lambda w: w.portfolio.action.uuid,
            lambda w: w.portfolio.criterion.code,
        ),
        portfolio(NOT_ALLOWED, LEARNER),
        data=lambda w: {"how_it_shows": "The action plans the signposting."},
    ),
    "portfolios:add_criterion_evidence": Rule(
        "The learner",
        u("portfolios:add_criterion_evidence", _e, lambda w: w.portfolio.criterion.code),
        portfolio(NOT_ALLOWED, LEARNER),
        data=lambda w: {"entry": str(w.portfolio.action.uuid), "how_it_shows": "The action plans it."},
    ),
    # confidentiality: the live check of what someone is typing
    "confidentiality:check": Rule(
        "Everyone signed in (the live check of what they type)",
        u("confidentiality:check"),
        signed_in(get=NOT_ALLOWED, post=ALL_SIGNED_IN, post_status=200, changes=False),
        data=lambda w: {"text": "Met the care coordinator at the surgery."},
    ),
    # assessments
    "assessments:caseload": Rule(
        "Facilitators (their own caseload)", u("assessments:caseload"), Access(FACILITATORS, get=FACILITATORS)
    ),
    "assessments:ask": Rule(
        "The learner",
        u("assessments:ask", _e, "PC3"),
        portfolio(LEARNER, LEARNER),
        data=lambda w: {"evidence": [str(w.assessments.spare.uuid)], "note": ""},
    ),
    "assessments:request": Rule(
        P + "; their facilitator decides",
        u("assessments:request", lambda w: w.assessments.open_request.uuid),
        portfolio(PORTFOLIO_READERS, FACILITATOR),
        data=lambda w: _decision(w),
    ),
    "assessments:changes": Rule(
        P + "; the facilitator who signed re-confirms",
        u("assessments:changes", lambda w: w.changed_sign_off.request.uuid),
        portfolio(PORTFOLIO_READERS, FACILITATOR),
        data=lambda w: _reconfirm(w),
    ),
    "assessments:cancel": Rule(
        "The learner",
        u("assessments:cancel", lambda w: w.assessments.open_request.uuid),
        portfolio(NOT_ALLOWED, LEARNER),
        data=lambda w: {},
    ),
    "assessments:withdraw": Rule(
        "Their facilitator",
        u("assessments:withdraw", lambda w: w.assessments.decided.signature.uuid),
        portfolio(FACILITATOR, FACILITATOR),
        data=lambda w: {"reason": "Signed in error.", "password": "correct-horse-battery"},
    ),
    "assessments:record_comment": Rule(
        "Their facilitator",
        u("assessments:record_comment", _e, lambda w: w.record_signatures.record.uuid),
        portfolio(FACILITATOR, FACILITATOR),
        data=lambda w: {
            "comments": "A useful relationship.",
            "password": "correct-horse-battery",
            "version": w.record_signatures.record.version,
        },
    ),
    "assessments:reflection": Rule(
        P,
        u("assessments:reflection", _e, lambda w: w.record_signatures.reflection.criterion.code),
        portfolio(PORTFOLIO_READERS),
    ),
    "assessments:reflection_write": Rule(
        "The learner",
        u("assessments:reflection_write", _e, lambda w: "PC5"),
        portfolio(LEARNER, LEARNER),
        data=lambda w: {"reflection": "I could not show this in practice; I reflected on why."},
    ),
    "assessments:reflection_sign": Rule(
        "Their facilitator (agrees) and supervisor (confirms)",
        u("assessments:reflection_sign", _e, lambda w: w.record_signatures.reflection.criterion.code),
        portfolio(FACILITATOR | {"supervisor"}, FACILITATOR | {"supervisor"}),
        data=lambda w: {"version": w.record_signatures.reflection.version, "password": "correct-horse-battery"},
    ),
    "feedback_summary": Rule(
        P + "; the learner and their facilitator sign it",
        u("feedback_summary", _e),
        portfolio(PORTFOLIO_READERS, LEARNER_AND_FACILITATOR),
        data=lambda w: {"password": "correct-horse-battery", "summary_hash": w.feedback_summary_hash},
    ),
    "assessments:reviews": Rule(
        P + "; the learner and their facilitator start one",
        u("assessments:reviews", _e),
        portfolio(PORTFOLIO_READERS, LEARNER_AND_FACILITATOR),
        data=lambda w: {"kind": "progress"},
    ),
    "assessments:review": Rule(
        P, u("assessments:review", lambda w: w.assessments.review.uuid), portfolio(PORTFOLIO_READERS)
    ),
    "assessments:review_edit": Rule(
        "The learner and their facilitator",
        u("assessments:review_edit", lambda w: w.assessments.review.uuid),
        portfolio(LEARNER_AND_FACILITATOR, LEARNER_AND_FACILITATOR),
        data=lambda w: {
            "version": w.assessments.review.version,
            "learning_needs": "Edited",
            **_date("held_on", datetime.date.today()),
        },
    ),
    "assessments:review_sign": Rule(
        "The learner, their facilitator and supervisor",
        u("assessments:review_sign", lambda w: w.assessments.review.uuid),
        portfolio(LEARNER_AND_FACILITATOR | {"supervisor"}, LEARNER_AND_FACILITATOR | {"supervisor"}),
        data=lambda w: {"version": w.assessments.review.version, "password": "correct-horse-battery"},
    ),
    "assessments:invite": Rule(
        "Their facilitator",
        u("assessments:invite", lambda w: w.assessments.final.uuid),
        portfolio(FACILITATOR, FACILITATOR),
        data=lambda w: {"name": "Pat Extra", "email": "pat@example.test"},
    ),
    "assessments:cancel_invitation": Rule(
        "Their facilitator",
        u("assessments:cancel_invitation", lambda w: w.assessments.invitation.uuid),
        portfolio(NOT_ALLOWED, FACILITATOR),
        data=lambda w: {},
    ),
    "assessments:invitation_done": Rule("Anyone", u("assessments:invitation_done"), public()),
    "assessments:invitation": Rule(
        "Anyone with the invitation's link",
        u("assessments:invitation", lambda w: w.assessments.token),
        public(post=OPEN),
        data=lambda w: {},
    ),
    "assessments:invitation_code": Rule(
        "Anyone with the invitation's link, once a code was sent",
        u("assessments:invitation_code", lambda w: w.assessments.token),
        public(get_status=302),
    ),
    "assessments:invitation_sign": Rule(
        "Anyone with the invitation's link, once the code was right",
        u("assessments:invitation_sign", lambda w: w.assessments.token),
        public(get_status=302),
    ),
    # reports: the portfolio as one document, and the dashboards
    "portfolio_pdf": Rule(
        P + ", who may ask for it as a PDF",
        u("portfolio_pdf", _e),
        portfolio(PORTFOLIO_READERS, PORTFOLIO_READERS),
        data=lambda w: {},
    ),
    "portfolio_pdf_progress": Rule(
        "Who asked for the PDF (here the learner)",
        u("portfolio_pdf_progress", _e, lambda w: w.export.uuid),
        Access(readers=LEARNER, get=LEARNER, post=NOT_ALLOWED),
    ),
    "portfolio_pdf_download": Rule(
        "Who asked for the PDF (here the learner)",
        u("portfolio_pdf_download", _e, lambda w: w.export.uuid),
        Access(readers=LEARNER, get=LEARNER, post=NOT_ALLOWED),
    ),
    "verify": Rule(
        "Anyone: checks a PDF's verification code",
        u("verify"),
        public(post=OPEN, post_status=200, changes=False),
        data=lambda w: {"code": "0000-0000-0000"},
    ),
    "cohort_dashboard": Rule(
        "The cohort's leads", u("cohort_dashboard", lambda w: w.cohort.uuid), signed_in_readers(LEAD)
    ),
    "cohort_dashboard_download": Rule(
        "The cohort's leads", u("cohort_dashboard_download", lambda w: w.cohort.uuid, "csv"), signed_in_readers(LEAD)
    ),
    "attendance_register": Rule(
        "The cohort's leads",
        u("attendance_register", lambda w: w.cohort.uuid, 1),
        Access(readers=LEAD, get=LEAD, post=LEAD),
        data=lambda w: {f"mark_{w.enrolment.pk}": "attended"},
    ),
    "organisations_dashboard": Rule(
        "Employers and administrators", u("organisations_dashboard"), signed_in_readers(MANAGERS)
    ),
    "organisation_dashboard": Rule(
        "Employers over the organisation, and administrators",
        u("organisation_dashboard", lambda w: w.enrolment.practice.parent.uuid),
        signed_in_readers(MANAGERS),
    ),
    "organisation_dashboard_download": Rule(
        "Employers over the organisation, and administrators",
        u("organisation_dashboard_download", lambda w: w.enrolment.practice.parent.uuid, "csv"),
        signed_in_readers(MANAGERS),
    ),
    "progress_over_time": Rule(P, u("progress_over_time", _e), portfolio(PORTFOLIO_READERS)),
    # accounts: a person's own data, and erasure
    "accounts:your_data": Rule("Everyone signed in: their own data", u("accounts:your_data"), signed_in()),
    "accounts:download_your_data": Rule(
        "Everyone signed in: their own data", u("accounts:download_your_data", "json"), signed_in()
    ),
    "accounts:responsibilities": Rule(
        "Whoever holds the role the responsibilities are written for (care coordinators here)",
        u("accounts:responsibilities", "care-coordinator"),
        Access(readers=LEARNERS, get=LEARNERS, post=LEARNERS),
        data=lambda w: {},
    ),
    "accounts:erase": Rule(
        "Administrators",
        u("accounts:erase"),
        Access(readers={"administrator"}, get={"administrator"}, post={"administrator"}),
        data=lambda w: {"email": w.fixture("other_learner").email, "confirm": "on"},
    ),
    # reminders: the signed-in person's own choices; a reminder's link changes only its person's
    "reminders:choices": Rule(
        "Everyone signed in: their own choices",
        u("reminders:choices"),
        signed_in(post=ALL_SIGNED_IN),
        data=lambda w: {"stop_all": "1"},
    ),
    "reminders:by_link": Rule(
        "Anyone with the link: the choices of the person it names",
        u("reminders:by_link", lambda w: w.reminder_token),
        public(post=OPEN),
        data=lambda w: {"stop_all": "1"},
    ),
    # roles
    "roles:index": Rule("Employers and administrators", u("roles:index"), Access(MANAGERS, get=MANAGERS)),
    "roles:create": Rule(
        "Employers and administrators",
        u("roles:create"),
        Access(MANAGERS, get=MANAGERS, post=MANAGERS, post_status=200, changes=False),
    ),
    "roles:copy": Rule(
        "Employers and administrators",
        u("roles:copy"),
        Access(MANAGERS, get=MANAGERS, post=MANAGERS, post_status=200, changes=False),
    ),
    "roles:needs": Rule("Employers and administrators", u("roles:needs"), Access(MANAGERS, get=MANAGERS)),
    "roles:needs_export": Rule(
        "Employers and administrators", u("roles:needs_export", "csv"), Access(MANAGERS, get=MANAGERS)
    ),
    "roles:person": Rule(
        "Employers and administrators of the person's organisation",
        u("roles:person", lambda w: w.holder.uuid),
        Access(MANAGERS, get=MANAGERS, post=MANAGERS),
        data=lambda w: {"objectives": "Shadow a colleague."},
    ),
    "roles:mine": Rule(
        "Whoever is in a role profile (here the learner)",
        lambda w: w.holder and reverse("roles:mine"),
        Access(LEARNER, get=LEARNER),
    ),
    "roles:self_evaluation": Rule(
        "The person rated, themself (here the learner)",
        u("roles:self_evaluation", lambda w: w.holder.uuid),
        Access(LEARNER, get=LEARNER, post=LEARNER),
        data=lambda w: _ratings(w.holder),
    ),
    "roles:programme_from_profile": Rule(
        "Programme leads and administrators",
        lambda w: w.profile and reverse("roles:programme_from_profile"),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS, post_status=200, changes=False),
    ),
    "roles:curricula": Rule(
        "Programme leads and administrators",
        lambda w: w.course and reverse("roles:curricula"),
        Access(RUNNERS, get=RUNNERS, post=RUNNERS),
        data=lambda w: {"title": "Another course"},
    ),
    "roles:course": Rule(
        "Programme leads and administrators",
        u("roles:course", lambda w: w.course.uuid),
        Access(RUNNERS, get=RUNNERS),
    ),
    "roles:coverage": Rule(
        "Programme leads and administrators",
        lambda w: reverse("roles:coverage") + f"?source=course:{w.course.uuid}",
        Access(RUNNERS, get=RUNNERS),
    ),
    "roles:coverage_export": Rule(
        "Programme leads and administrators",
        lambda w: reverse("roles:coverage_export", args=["xlsx"]) + f"?source=course:{w.course.uuid}",
        Access(RUNNERS, get=RUNNERS),
    ),
    "roles:services": Rule(
        "Employers and administrators",
        lambda w: w.service and reverse("roles:services"),
        Access(MANAGERS, get=MANAGERS),
    ),
    "roles:service": Rule(
        "Employers and administrators of the service's organisation",
        u("roles:service", lambda w: w.service.uuid),
        Access(MANAGERS, get=MANAGERS),
    ),
    "roles:service_entry": Rule(
        "Employers and administrators of the service's organisation",
        u("roles:service_entry", lambda w: w.service.uuid, "1.2"),
        Access(MANAGERS, get=MANAGERS, post=MANAGERS),
        data=lambda w: {
            "status": "done",
            "owner": "PCN manager",
            "notes": "",
            "review_date_day": "1",
            "review_date_month": "3",
            "review_date_year": "2027",
        },
    ),
    "roles:service_export": Rule(
        "Employers and administrators of the service's organisation",
        u("roles:service_export", lambda w: w.service.uuid, "xlsx"),
        Access(MANAGERS, get=MANAGERS),
    ),
    "roles:profile": Rule(
        "Employers and administrators of the profile's organisation",
        u("roles:profile", lambda w: w.profile.slug),
        Access(MANAGERS, get=MANAGERS),
    ),
    "roles:edit": Rule(
        "Employers and administrators of the profile's organisation",
        u("roles:edit", lambda w: w.profile.slug),
        Access(MANAGERS, get=MANAGERS),
    ),
    "roles:publish": Rule(
        "Employers and administrators of the profile's organisation",
        u("roles:publish", lambda w: w.profile.slug),
        Access(MANAGERS, get=MANAGERS, post=MANAGERS),
        data=lambda w: {},
    ),
    "roles:new_version": Rule(
        "Employers and administrators of the profile's organisation",
        u("roles:new_version", lambda w: w.profile.slug),
        Access(MANAGERS, get=NOT_ALLOWED, post=MANAGERS),
        data=lambda w: {},
    ),
    "roles:holders": Rule(
        "Employers and administrators of the profile's organisation",
        u("roles:holders", lambda w: w.profile.slug),
        Access(MANAGERS, get=MANAGERS),
    ),
    "roles:document": Rule(
        "Employers and administrators of the profile's organisation",
        u("roles:document", lambda w: w.profile.slug, "job-description"),
        Access(MANAGERS, get=MANAGERS),
    ),
    "roles:download": Rule(
        "Employers and administrators of the profile's organisation",
        u("roles:download", lambda w: w.profile.slug, "interview-plan", "docx"),
        Access(MANAGERS, get=MANAGERS),
    ),
}


def _case_study():
    from coordinated_care.portfolios.tests.builders import CASE_STUDY

    return dict(CASE_STUDY)


def _pdf():
    from coordinated_care.portfolios.tests.builders import pdf

    return pdf()


def _decision(world):
    from django.utils import timezone

    from coordinated_care.assessments.services.sign_offs import request_subject

    return {
        "outcome": "achieved",
        "comments": "Good.",
        "password": "correct-horse-battery",
        "step": "sign",
        "subject_hash": request_subject(world.assessments.open_request).hash,
        **_date("achieved_on", timezone.localdate()),
    }


def _reconfirm(world):
    from coordinated_care.assessments.services.sign_offs import request_subject

    request = world.changed_sign_off.request
    return {"password": "correct-horse-battery", "subject_hash": request_subject(request).hash}


def _ratings(holder):
    from coordinated_care.roles import services

    picks = services.ordered_picks(services.current_version(holder.profile))
    return {f"{kind}_{p.pk}": value for p in picks for kind, value in (("shown", 2), ("relevance", 1))}


def _admin_check(response, persona, route):
    """The Django admin: for administrators only; everyone else is sent to its sign-in page."""
    if route in ("admin/login/", "admin/logout/"):
        assert response.status_code < 500
        return
    if persona == "administrator":
        assert response.status_code < 500, (route, persona, response.status_code)
    else:
        assert response.status_code == 302, (route, persona, response.status_code)
        # To the admin's sign-in page, or to the service's own where the admin is put behind it.
        location = response["Location"]
        assert location.startswith(("/admin/login/", "/accounts/login/")), (route, persona, location)


def _allauth_check(response, persona, route):
    """allauth's pages (sign-in, sign-up, passwords, e-mail addresses, second factors): allauth
    decides who may use each; none of them fails."""
    assert response.status_code < 500, (route, persona, response.status_code)


GROUPS = [
    Group("Administrators (the Django admin, behind its own sign-in)", "admin/", _admin_check),
    Group("Sign-in, sign-up and account pages (allauth)", "accounts/", _allauth_check),
]


def every_pattern(patterns=None, prefix="", namespace=""):
    """(route, name) of every URL pattern the resolver holds, `name` with its namespaces
    ("portfolios:entry"), or "" for a pattern without one."""
    from django.urls import URLResolver, get_resolver

    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace or ""]))
            yield from every_pattern(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}:{pattern.name}" if namespace and pattern.name else (pattern.name or "")
            yield prefix + str(pattern.pattern), name


def group_of(route):
    return next((group for group in GROUPS if route.startswith(group.prefix)), None)

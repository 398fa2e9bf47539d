from io import StringIO

import pytest
from django.core.management import call_command

from coordinated_care.accounts.models import Organisation, RoleAssignment, User
from coordinated_care.nonprod.demo import DEMO_LOGINS, DEMO_PASSWORD


def seed():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_seed_demo_prints_one_working_login_per_role(client):
    output = seed()
    assert DEMO_PASSWORD in output
    assert len(DEMO_LOGINS) == 6
    for label, email in DEMO_LOGINS:
        assert email in output and label in output
        response = client.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})
        assert response.status_code == 302, email
        assert client.get("/").status_code == 302
        client.logout()


@pytest.mark.django_db
def test_seed_demo_is_idempotent():
    seed()
    counts = (User.objects.count(), Organisation.objects.count(), RoleAssignment.objects.count())
    seed()
    assert (User.objects.count(), Organisation.objects.count(), RoleAssignment.objects.count()) == counts


@pytest.mark.django_db
def test_demo_organisations_form_the_icb_pcn_practice_tree():
    seed()
    practice = Organisation.objects.get(name="Demo Riverside Surgery")
    assert practice.parent.kind == Organisation.Kind.PCN
    assert practice.parent.parent.kind == Organisation.Kind.ICB
    for organisation in Organisation.objects.all():
        organisation.full_clean()


@pytest.mark.django_db
def test_seed_demo_loads_the_programme_and_the_demo_cohort():
    import datetime

    from django.utils import timezone

    from coordinated_care.programmes.models import Cohort, Enrolment, Programme
    from coordinated_care.programmes.services import SHIPPED_PROGRAMME_SLUG

    output = seed()
    programme = Programme.objects.get(slug=SHIPPED_PROGRAMME_SLUG)
    cohort = Cohort.objects.get(name="Demo Valley cohort")
    assert "Demo Valley cohort: 2 learners enrolled" in output
    assert cohort.programme == programme
    assert cohort.training_provider.name == "Demo Valley Training Hub"
    assert [lead.email for lead in cohort.leads.all()] == ["lead@demo.test"]
    assert (timezone.localdate() - cohort.start_date) == datetime.timedelta(weeks=8)
    assert cohort.workshops.count() == 12
    enrolments = {
        e.learner.email: e
        for e in Enrolment.objects.filter(cohort=cohort).select_related("practice", "facilitator", "supervisor")
    }
    first, second = enrolments["learner@demo.test"], enrolments["learner2@demo.test"]
    assert (first.practice.name, first.facilitator.email, first.supervisor.email) == (
        "Demo Riverside Surgery",
        "facilitator@demo.test",
        "supervisor@demo.test",
    )
    assert (second.practice.name, second.facilitator.email, second.supervisor) == (
        "Demo Hillside Medical Centre",
        "facilitator2@demo.test",
        None,
    )


@pytest.mark.django_db
def test_the_demo_facilitator_reads_the_first_learners_portfolio_only():
    from coordinated_care.programmes.models import Enrolment
    from coordinated_care.programmes.services import can_read_portfolio

    seed()
    facilitator = User.objects.get(email="facilitator@demo.test")
    first = Enrolment.objects.get(learner__email="learner@demo.test")
    second = Enrolment.objects.get(learner__email="learner2@demo.test")
    assert can_read_portfolio(facilitator, first)
    assert not can_read_portfolio(facilitator, second)


@pytest.mark.django_db
def test_seeding_the_cohort_again_changes_nothing():
    from coordinated_care.programmes.models import Cohort, Criterion, Enrolment, Programme, Workshop

    seed()
    workshop = Workshop.objects.get(cohort__name="Demo Valley cohort", number=5)
    workshop.location = "Moved by the lead"
    workshop.save()
    models = (Programme, Criterion, Cohort, Enrolment, Workshop, RoleAssignment)
    counts = [model.objects.count() for model in models]
    seed()
    assert [model.objects.count() for model in models] == counts
    workshop.refresh_from_db()
    assert workshop.location == "Moved by the lead"


def test_one_demo_login_per_role_still():
    from coordinated_care.accounts.models import Role

    assert [label for label, _ in DEMO_LOGINS] == [
        role.label
        for role in (
            Role.LEARNER,
            Role.FACILITATOR,
            Role.PROGRAMME_LEAD,
            Role.SUPERVISOR,
            Role.EMPLOYER,
            Role.ADMINISTRATOR,
        )
    ]
    assert "facilitator2@demo.test" not in dict((email, label) for label, email in DEMO_LOGINS)


@pytest.mark.django_db
def test_demo_staff_sign_in_with_the_code_demo_code_prints(client):
    output = seed()
    assert "demo_code" in output
    facilitator = next(email for label, email in DEMO_LOGINS if "facilitator" in label.lower())
    response = client.post("/accounts/login/", {"login": facilitator, "password": DEMO_PASSWORD})
    assert response.status_code == 302 and "/2fa/" in response["Location"]
    code = StringIO()
    call_command("demo_code", stdout=code)
    response = client.post(response["Location"], {"code": code.getvalue().strip()})
    assert response.status_code == 302 and "/2fa/" not in response["Location"]
    assert client.get("/facilitator/").status_code == 200

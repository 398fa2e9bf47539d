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

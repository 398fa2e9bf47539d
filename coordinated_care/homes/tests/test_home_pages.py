import pytest

ROLE_HOMES = {
    "learner": ("/learner/", "Your portfolio"),
    "facilitator": ("/facilitator/", "Your learners"),
    "supervisor": ("/supervisor/", "The learners you support"),
    "programme_lead": ("/programme-lead/", "Your cohorts"),
    "employer": ("/employer/", "Roles, training needs and progress"),
    "administrator": ("/administrator/", "Administration"),
}


@pytest.mark.parametrize("persona", ROLE_HOMES)
def test_each_role_lands_on_its_own_home(persona, request, signed_in):
    user = request.getfixturevalue(persona)
    client = signed_in(user)
    path, heading = ROLE_HOMES[persona]
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"] == path
    page = client.get(path)
    assert page.status_code == 200
    assert f"<h1>{heading}</h1>" in page.content.decode()


@pytest.mark.parametrize("path", [path for path, _ in ROLE_HOMES.values()] + ["/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("persona", ROLE_HOMES)
def test_nobody_sees_the_home_of_a_role_they_do_not_hold(persona, request, signed_in):
    user = request.getfixturevalue(persona)
    client = signed_in(user)
    own_path = ROLE_HOMES[persona][0]
    for path, _ in ROLE_HOMES.values():
        if path != own_path:
            assert client.get(path).status_code == 403, path


def test_a_person_with_two_roles_lands_on_the_first_and_can_switch(learner, practice, signed_in):
    from coordinated_care.accounts.models import Role
    from coordinated_care.accounts.services import grant_role
    from coordinated_care.accounts.tests.factories import give_second_factor

    grant_role(learner, Role.SUPERVISOR, practice)
    give_second_factor(learner)  # a supervisor signs in with two factors (ADR 13)
    client = signed_in(learner)
    assert client.get("/")["Location"] == "/learner/"
    page = client.get("/learner/").content.decode()
    assert 'href="/supervisor/"' in page
    assert client.get("/supervisor/").status_code == 200


def test_someone_without_a_role_is_told_so(signed_in, db):
    from coordinated_care.accounts.tests.factories import UserFactory

    client = signed_in(UserFactory())
    response = client.get("/")
    assert response.status_code == 200
    assert "You do not have a role yet" in response.content.decode()


def test_home_pages_use_a_fixed_number_of_queries(signed_in, learner, django_assert_max_num_queries):
    client = signed_in(learner)
    with django_assert_max_num_queries(6):
        client.get("/learner/")

"""Fields a form does not offer change nothing: every form of the declared rules, posted with its
valid data and with `learner`, `facilitator`, `status`, `enrolment`, `is_superuser` and the like
added, leaves the enrolments, the people, their roles and whose things are whose as they were."""

import pytest

from conftest import client_as

from .rules import RULES, SIGNED_IN, World

pytestmark = pytest.mark.django_db

# Erasure changes a person and their enrolments by design (its own tests say how); every other form
# leaves them as they were.
CHANGES_PEOPLE = {"accounts:erase"}
FORMS = sorted(
    name
    for name, rule in RULES.items()
    if rule.data and rule.access.post not in (None, "not allowed") and name not in CHANGES_PEOPLE
)


def _extra(world):
    other = world.fixture("other_enrolment")
    stranger = world.fixture("unassigned_facilitator")
    return {
        "learner": stranger.pk,
        "learner_id": stranger.pk,
        "facilitator": stranger.pk,
        "supervisor": stranger.pk,
        "status": "completed",
        "enrolment": other.pk,
        "enrolment_id": other.pk,
        "cohort": other.cohort_id,
        "user": stranger.pk,
        "created_by": stranger.pk,
        "updated_by": stranger.pk,
        "uploaded_by": stranger.pk,
        "transcribed_by": stranger.pk,
        "decided_by": stranger.pk,
        "is_staff": "on",
        "is_superuser": "on",
        "role": "administrator",
        "email": "someone.else@example.test",
        "uuid": str(other.uuid),
        "version": "999",
        "number": "999",
    }


def protected():
    """The enrolments, the people and their roles, and the owner of everything filed under an
    enrolment, as rows to compare."""
    from coordinated_care.accounts.models import RoleAssignment, User
    from coordinated_care.assessments.models import Review, SignOffRequest
    from coordinated_care.feedback.models import FeedbackRequest, FeedbackResponse
    from coordinated_care.portfolios.models import Attachment, Draft, Entry
    from coordinated_care.programmes.models import Enrolment

    owned = {
        Entry: ("enrolment_id", "created_by_id"),
        Attachment: ("enrolment_id", "uploaded_by_id"),
        FeedbackRequest: ("enrolment_id", "created_by_id"),
        FeedbackResponse: ("enrolment_id",),
        SignOffRequest: ("enrolment_id",),
        Review: ("enrolment_id",),
        Draft: ("user_id",),
    }
    return {
        "enrolments": sorted(Enrolment.objects.values_list()),
        "people": sorted(User.objects.values_list("pk", "email", "is_staff", "is_superuser", "is_active")),
        "roles": sorted(RoleAssignment.objects.values_list("user_id", "role", "organisation_id")),
        **{model.__name__: set(model.objects.values_list(*fields)) for model, fields in owned.items()},
    }


@pytest.mark.parametrize("name", FORMS)
def test_fields_a_form_does_not_offer_change_nothing(name, request):
    rule = RULES[name]
    world = World(request)
    url = rule.url(world)
    data = rule.data(world)
    extra = {key: value for key, value in _extra(world).items() if key not in data}
    persona = next(p for p in SIGNED_IN if rule.access.allows("post", p))
    client = client_as(request, persona)
    user = request.getfixturevalue(persona)
    before = protected()
    response = client.post(url, {**data, **extra})
    # Taken (or, for the autosave, refused for what the writing holds: 422), never an error.
    assert response.status_code < 400 or response.status_code == 422, (name, response.status_code)
    after = protected()
    for key in ("enrolments", "people", "roles"):
        assert after[key] == before[key], (name, key)
    # Whatever was added belongs to the enrolment the URL names, and was made by the person posting.
    enrolment = world.enrolment.pk
    for key, rows in after.items():
        if key in ("enrolments", "people", "roles"):
            continue
        for row in rows - before[key]:
            assert row[0] in (enrolment, user.pk), (name, key, row)
            assert all(value == user.pk for value in row[1:]), (name, key, row)

"""Who may see and change a role profile: the employers (managers) of the organisation that owns
it and of the organisations above it (an ICB's over its PCNs and practices, a PCN's over its
practices), and administrators. Anyone else is told the profile does not exist, so that guessing
addresses reveals nothing."""

from django.db.models import Q
from django.http import Http404

from coordinated_care.accounts.models import Organisation, Role
from coordinated_care.accounts.services import has_role

from ..models import RoleProfile


def is_administrator(user):
    return user.is_authenticated and has_role(user, Role.ADMINISTRATOR)


def managed_organisations(user):
    """The organisations whose role profiles this person manages: where they are an employer, and
    every organisation below (the tree is at most ICB → PCN → practice). Administrators: all."""
    if is_administrator(user):
        return Organisation.objects.all()
    if not has_role(user, Role.EMPLOYER):
        return Organisation.objects.none()
    mine = user.role_assignments.filter(role=Role.EMPLOYER).values("organisation")
    return Organisation.objects.filter(Q(pk__in=mine) | Q(parent__in=mine) | Q(parent__parent__in=mine))


def manages_profiles(user):
    return is_administrator(user) or has_role(user, Role.EMPLOYER)


def require_manager(user):
    """For pages that name no profile (the list, create, copy): 404 for anyone who manages none."""
    if not manages_profiles(user):
        raise Http404


def managed_profile(user, slug):
    """The profile `slug` if this person manages it; otherwise 404."""
    require_manager(user)
    profile = (
        RoleProfile.objects.select_related("organisation")
        .filter(slug=slug, organisation__in=managed_organisations(user))
        .first()
    )
    if profile is None:
        raise Http404("No such role profile.")
    return profile

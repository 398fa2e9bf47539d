"""Self-evaluation against a role profile, and the objectives a line manager agrees from it. Each
change is one transaction; an evaluation is always against the profile's current version."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from ..models import Rating, Relevance, RoleHolder, SelfEvaluation, Shown
from .access import managed_organisations
from .profiles import current_version, ordered_picks


def own_holder(user, holder_uuid):
    """The person's own place in a role; 404 for anyone else's."""
    holder = RoleHolder.objects.select_related("profile", "organisation").filter(uuid=holder_uuid, user=user).first()
    if holder is None:
        raise Http404("No such role.")
    return holder


def managed_holder(user, holder_uuid):
    """A person in a role at an organisation this person manages, or whose line manager they are;
    404 otherwise."""
    holders = RoleHolder.objects.select_related("user", "profile", "organisation", "line_manager")
    holder = holders.filter(uuid=holder_uuid).first()
    if holder is None:
        raise Http404("No such person in a role.")
    if holder.line_manager_id == user.pk or managed_organisations(user).filter(pk=holder.organisation_id).exists():
        return holder
    raise Http404("No such person in a role.")


@transaction.atomic
def add_holder(profile, *, email, organisation, line_manager):
    """Put the person with this e-mail address (they must have an account) in the role."""
    from coordinated_care.accounts.models import User

    user = User.objects.filter(email=email.strip().lower(), is_active=True).first()
    if user is None:
        raise ValidationError("No one with an account has that e-mail address.", code="no_account")
    if RoleHolder.objects.filter(user=user, profile=profile).exists():
        raise ValidationError(f"{user.display_name} is already in this role.", code="already")
    return RoleHolder.objects.create(user=user, profile=profile, organisation=organisation, line_manager=line_manager)


def holders_of(profile):
    return list(RoleHolder.objects.filter(profile=profile).select_related("user", "organisation"))


def roles_held(user):
    return list(RoleHolder.objects.filter(user=user).select_related("profile", "organisation"))


def evaluation_of(holder, version):
    return SelfEvaluation.objects.filter(holder=holder, version=version).prefetch_related("ratings").first()


@transaction.atomic
def save_self_evaluation(holder, ratings):
    """Record `ratings` ({pick id: (shown, relevance)}) against the profile's current version.
    Every pick must be rated; the agreement, if any, is cleared (it was of the old ratings)."""
    RoleHolder.objects.select_for_update().get(pk=holder.pk)
    version = current_version(holder.profile)
    if version is None:
        raise ValidationError("This role profile has not been published yet.", code="not_published")
    picks = {pick.pk for pick in ordered_picks(version)}
    if set(ratings) != picks:
        raise ValidationError("Rate every competency of the role.", code="incomplete")
    for shown, relevance in ratings.values():
        if shown not in Shown.values or relevance not in Relevance.values:
            raise ValidationError("Choose a level and a relevance from the lists.", code="invalid")
    evaluation, _ = SelfEvaluation.objects.get_or_create(holder=holder, version=version)
    evaluation.updated_at = timezone.now()
    evaluation.agreed_by, evaluation.agreed_at = None, None
    evaluation.save()
    Rating.objects.filter(evaluation=evaluation).delete()
    Rating.objects.bulk_create(
        Rating(evaluation=evaluation, pick_id=pick_id, shown=shown, relevance=relevance)
        for pick_id, (shown, relevance) in ratings.items()
    )
    return evaluation


@transaction.atomic
def agree_objectives(evaluation, *, manager, objectives):
    evaluation = SelfEvaluation.objects.select_for_update().get(pk=evaluation.pk)
    if manager.pk == evaluation.holder.user_id:
        raise ValidationError("Objectives are agreed by someone else: your line manager.", code="self")
    evaluation.objectives = objectives
    evaluation.agreed_by, evaluation.agreed_at = manager, timezone.now()
    evaluation.save()
    return evaluation

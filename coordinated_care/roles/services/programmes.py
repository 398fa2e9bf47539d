"""A programme template from a role profile (issue 15, item 5): a programme lead starts a new
draft programme whose criteria are the profile's picks, one criterion per pick in the guide's
words, mapped to that competency or component and grouped by domain. Its documents, workshop plan
and values are added by an administrator before it is published, as for any programme."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.text import slugify

from coordinated_care.accounts.models import Role
from coordinated_care.accounts.services import has_role
from coordinated_care.programmes.models import Criterion, CriterionGroup, Programme
from coordinated_care.programmes.services import building

from ..models import RoleProfileVersion
from .access import is_administrator
from .profiles import ordered_picks


def may_build_programmes(user):
    return user.is_authenticated and (has_role(user, Role.PROGRAMME_LEAD) or is_administrator(user))


def _slug(title):
    base = slugify(title)[:90] or "programme"
    slug, number = base, 1
    while Programme.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


@transaction.atomic
def programme_from_profile(version, *, title):
    """A draft Programme from a published profile version."""
    version = RoleProfileVersion.objects.select_related("framework_version").get(pk=version.pk)
    if version.is_draft:
        raise ValidationError("Only a published role profile can become a programme.", code="not_published")
    building.check_framework_version(version.framework_version)
    programme = Programme.objects.create(
        slug=_slug(title),
        title=title,
        description=version.purpose,
        framework_version=version.framework_version,
        status=Programme.Status.DRAFT,
    )
    groups, position = {}, {}
    for pick in ordered_picks(version):
        domain = pick.item
        while domain.parent is not None:
            domain = domain.parent
        group = groups.get(domain.pk)
        if group is None:
            group = groups[domain.pk] = CriterionGroup.objects.create(
                programme=programme,
                code=domain.code,
                title=domain.title,
                position=len(groups) + 1,
                framework_domain=domain,
            )
        position[domain.pk] = position.get(domain.pk, 0) + 1
        criterion = Criterion.objects.create(
            programme=programme,
            group=group,
            code=pick.item.code,
            title=pick.item.title[:300],
            wording=pick.item.description,
            notes=(
                f"From the role profile “{version.title}”, version {version.number}: "
                f"{pick.get_priority_display().lower()}, level expected {pick.get_level_display().lower()}."
            ),
            position=position[domain.pk],
        )
        criterion.competencies.add(pick.item)
    return programme

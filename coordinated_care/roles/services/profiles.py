"""Role profiles' rules and every change to them, each in one transaction. A version is a draft
until it is published, and never changes afterwards (the models refuse too); a new version starts
as a copy of the newest published one. The version under the row lock is read again before
anything is written, so two people publishing or editing at once cannot both succeed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from ..models import Pick, RoleProfile, RoleProfileVersion, VersionLocked
from .specs import check_picks, pickable_items


def current_version(profile):
    """The published version with the highest number, or None."""
    return profile.versions.filter(status=RoleProfileVersion.Status.PUBLISHED).order_by("-number").first()


def draft_of(profile):
    return profile.versions.filter(status=RoleProfileVersion.Status.DRAFT).first()


def document_version(profile):
    """The version documents are made from: the current version, or the draft of a profile never
    published."""
    return current_version(profile) or draft_of(profile)


def ordered_picks(version):
    """The version's picks with their items, in the framework's order (domain, then position)."""
    picks = list(Pick.objects.filter(version=version).select_related("item", "item__parent", "item__parent__parent"))

    def key(pick):
        chain, item = [], pick.item
        while item is not None:
            chain.append(item.position)
            item = item.parent
        return list(reversed(chain))

    return sorted(picks, key=key)


def _unique_slug(title, organisation):
    base = slugify(f"{title} {organisation.name}")[:100] or "role-profile"
    slug, number = base, 1
    while RoleProfile.objects.filter(slug=slug).exists():
        number += 1
        slug = f"{base}-{number}"
    return slug


def _write(version, spec):
    items = pickable_items(version.framework_version)
    problems = check_picks(spec.picks, items, require_one=False)
    if problems:
        raise ValidationError(problems, code="bad_picks")
    for name in ("title", "purpose", "setting", "band", "hours"):
        setattr(version, name, getattr(spec, name))
    version.duties = "\n".join(spec.duties)
    version.save()
    Pick.objects.filter(version=version).delete()
    Pick.objects.bulk_create(
        Pick(
            version=version,
            item=items[pick.code],
            priority=pick.priority,
            level=pick.level,
            at_application="application" in pick.tested_by,
            at_interview="interview" in pick.tested_by,
            in_post="in post" in pick.tested_by,
        )
        for pick in spec.picks
    )
    return version


@transaction.atomic
def create_profile(*, organisation, framework_version, spec, created_by=None, based_on=""):
    """A new profile owned by `organisation`, its version 1 a draft holding `spec`."""
    if framework_version.status != framework_version.Status.PUBLISHED:
        raise ValidationError("Role profiles are built from a published framework version.", code="not_published")
    profile = RoleProfile.objects.create(
        slug=_unique_slug(spec.title, organisation), organisation=organisation, created_by=created_by
    )
    version = RoleProfileVersion(
        profile=profile, number=1, framework_version=framework_version, based_on=based_on, title=spec.title
    )
    _write(version, spec)
    return profile


def _locked(version):
    return RoleProfileVersion.objects.select_for_update().select_related("framework_version").get(pk=version.pk)


@transaction.atomic
def update_draft(version, spec):
    """Replace a draft's details and picks with `spec`."""
    version = _locked(version)
    if not version.is_draft:
        raise VersionLocked(f"{version} is published: start a new version to change it.")
    return _write(version, spec)


@transaction.atomic
def publish(version, *, at=None):
    version = _locked(version)
    if not version.is_draft:
        raise VersionLocked(f"{version} is already published.")
    if not version.picks.exists():
        raise ValidationError("Pick at least one competency or component before publishing.", code="no_picks")
    RoleProfileVersion.objects.filter(pk=version.pk).update(
        status=RoleProfileVersion.Status.PUBLISHED, published_at=at or timezone.now()
    )
    version.refresh_from_db()
    return version


@transaction.atomic
def new_version(profile):
    """A draft copy of the newest published version, numbered after it."""
    RoleProfile.objects.select_for_update().get(pk=profile.pk)
    if draft_of(profile) is not None:
        raise ValidationError("This profile already has a draft: edit that one.", code="draft_exists")
    source = current_version(profile)
    if source is None:
        raise ValidationError("Publish the first version before starting another.", code="never_published")
    return _copy(source, profile=profile, number=source.number + 1, based_on=source.based_on)


def _copy(source, *, profile, number, based_on):
    version = RoleProfileVersion.objects.create(
        profile=profile,
        number=number,
        framework_version=source.framework_version,
        title=source.title,
        purpose=source.purpose,
        setting=source.setting,
        band=source.band,
        hours=source.hours,
        duties=source.duties,
        based_on=based_on,
    )
    Pick.objects.bulk_create(
        Pick(
            version=version,
            item_id=pick.item_id,
            priority=pick.priority,
            level=pick.level,
            at_application=pick.at_application,
            at_interview=pick.at_interview,
            in_post=pick.in_post,
        )
        for pick in Pick.objects.filter(version=source).order_by("pk")
    )
    return version


@transaction.atomic
def copy_profile(source, *, organisation, created_by=None):
    """A new profile for `organisation` whose draft copies another profile's published version."""
    if source.is_draft:
        raise ValidationError("Only a published role profile can be copied.", code="not_published")
    profile = RoleProfile.objects.create(
        slug=_unique_slug(source.title, organisation), organisation=organisation, created_by=created_by
    )
    owner = source.profile.organisation.name
    _copy(source, profile=profile, number=1, based_on=f"{source.title}, version {source.number}, of {owner}")
    return profile


def shared_versions(exclude_organisations):
    """The current version of every profile with one, outside `exclude_organisations`: what may be
    copied from other organisations. Two queries."""
    published = (
        RoleProfileVersion.objects.filter(status=RoleProfileVersion.Status.PUBLISHED)
        .exclude(profile__organisation__in=exclude_organisations)
        .select_related("profile", "profile__organisation")
        .order_by("profile_id", "number")
    )
    latest = {}
    for version in published:
        latest[version.profile_id] = version
    return sorted(latest.values(), key=lambda v: (v.title.lower(), v.profile.organisation.name))

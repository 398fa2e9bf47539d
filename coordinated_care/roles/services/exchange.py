"""Role profiles to and from files, for `import_role_profile` and `export_role_profile`."""

import json

from django.db import transaction

from ..models import RoleProfile, RoleProfileVersion
from .profiles import create_profile, document_version, ordered_picks
from .specs import ProfileFileError, file_data, read_file_data


def find_profile(id_or_slug):
    """The profile with this id or slug, or None."""
    profiles = RoleProfile.objects.select_related("organisation")
    if str(id_or_slug).isdigit():
        found = profiles.filter(pk=int(id_or_slug)).first()
        if found is not None:
            return found
    return profiles.filter(slug=id_or_slug).first()


def version_of(profile, number=None):
    if number is None:
        return document_version(profile)
    return RoleProfileVersion.objects.filter(profile=profile, number=number).first()


def export_data(version):
    version = RoleProfileVersion.objects.select_related("profile__organisation", "framework_version__framework").get(
        pk=version.pk
    )
    return file_data(version, ordered_picks(version))


@transaction.atomic
def import_profile(text, *, created_by=None):
    """A draft profile from a file's text, or ProfileFileError naming every problem."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise ProfileFileError([f"the file is not JSON: {error}"]) from error
    organisation, framework_version, spec = read_file_data(data)
    return create_profile(
        organisation=organisation, framework_version=framework_version, spec=spec, created_by=created_by
    )

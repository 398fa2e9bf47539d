"""The rules for building a programme from a framework, checked by the Django admin's forms and
by anything else that builds one: a programme is built from a published framework version, and
its criteria map only to items of that version."""

from django.core.exceptions import ValidationError

from coordinated_care.frameworks.models import FrameworkItem, FrameworkVersion
from coordinated_care.programmes.models import Criterion, CriterionGroup


def check_framework_version(version, *, already_chosen=False):
    """A programme is built from a published version. A programme whose version has since been
    retired may keep it (`already_chosen`: its cohorts still run), but no programme may move to a
    draft or a retired version."""
    if version is None:
        raise ValidationError("Choose the framework version the programme is built from.", code="required")
    if already_chosen:
        return
    if version.status != FrameworkVersion.Status.PUBLISHED:
        raise ValidationError(
            f"{version} is {version.get_status_display().lower()}: choose a published framework version.",
            code="not_published",
        )


def check_competencies(version, items):
    """Criteria map only to items of the programme's own framework version."""
    strays = [item for item in items if item.version_id != version.pk]
    if strays:
        names = ", ".join(str(item) for item in strays)
        raise ValidationError(
            f"{names} {'is' if len(strays) == 1 else 'are'} not in {version}: a criterion can only map to "
            "competencies of its programme's framework version.",
            code="other_version",
        )


def check_framework_domain(version, item):
    if item is None:
        return
    if item.version_id != version.pk or item.kind != FrameworkItem.Kind.DOMAIN:
        raise ValidationError(f"{item} is not a domain of {version}.", code="not_a_domain")


def check_programme_mapping(programme, version):
    """Moving a programme to another framework version would leave its criteria pointing at the
    old version's items: refuse it while any do."""
    if programme.pk is None:
        return
    stray_criteria = (
        Criterion.competencies.through.objects.filter(criterion__programme=programme)
        .exclude(frameworkitem__version=version)
        .values_list("criterion__code", flat=True)
    )
    stray_groups = (
        CriterionGroup.objects.filter(programme=programme, framework_domain__isnull=False)
        .exclude(framework_domain__version=version)
        .values_list("code", flat=True)
    )
    codes = sorted(set(stray_criteria) | set(stray_groups))
    if codes:
        raise ValidationError(
            f"{', '.join(codes)} map to another framework version: change their mapping before you move "
            "the programme to this version.",
            code="mapped_elsewhere",
        )

"""Competency content belongs to a framework version (ADR 23).

Each row kept by framework and code moves to the framework's first published (or retired) version,
or its first version when none is published. Later versions read it from there (a version holds
only the content it changes), so every role profile's documents say what they said before."""

import django.db.models.deletion
from django.db import migrations, models


def _first_version(FrameworkVersion, framework_id):
    versions = FrameworkVersion.objects.filter(framework_id=framework_id).order_by("number")
    return versions.exclude(status="draft").first() or versions.first()


def attach_to_versions(apps, schema_editor):
    CompetencyContent = apps.get_model("roles", "CompetencyContent")
    FrameworkVersion = apps.get_model("frameworks", "FrameworkVersion")
    for framework_id in CompetencyContent.objects.values_list("framework_id", flat=True).distinct():
        version = _first_version(FrameworkVersion, framework_id)
        rows = CompetencyContent.objects.filter(framework_id=framework_id)
        if version is None:
            rows.delete()  # a framework without versions: no document can read it
        else:
            rows.update(version_id=version.pk)


def detach_from_versions(apps, schema_editor):
    """Back to one row per framework and code: the first version's, where there is one."""
    CompetencyContent = apps.get_model("roles", "CompetencyContent")
    kept = set()
    for row in CompetencyContent.objects.select_related("version").order_by("version__number", "pk"):
        key = (row.version.framework_id, row.code)
        if key in kept:
            row.delete()
            continue
        kept.add(key)
        row.framework_id = row.version.framework_id
        row.save(update_fields=["framework"])


class Migration(migrations.Migration):
    dependencies = [
        ("frameworks", "0002_checklist_introduction_without_page_9"),
        ("roles", "0001_initial"),
    ]

    operations = [
        migrations.RemoveConstraint(model_name="competencycontent", name="competency_content_unique_code"),
        migrations.AddField(
            model_name="competencycontent",
            name="version",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="role_content",
                to="frameworks.frameworkversion",
            ),
        ),
        migrations.AlterField(
            model_name="competencycontent",
            name="framework",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.CASCADE,
                related_name="+",
                to="frameworks.framework",
            ),
        ),
        migrations.RunPython(attach_to_versions, detach_from_versions),
        migrations.RemoveField(model_name="competencycontent", name="framework"),
        migrations.AlterField(
            model_name="competencycontent",
            name="version",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="role_content",
                to="frameworks.frameworkversion",
            ),
        ),
        migrations.AlterModelOptions(
            name="competencycontent",
            options={"ordering": ["version", "code"], "verbose_name_plural": "competency content"},
        ),
        migrations.AddConstraint(
            model_name="competencycontent",
            constraint=models.UniqueConstraint(
                fields=("version", "code"), name="competency_content_unique_version_code"
            ),
        ),
    ]

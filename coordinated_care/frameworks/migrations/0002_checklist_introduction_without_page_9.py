"""The checklist's introduction, where the shipped words were loaded, no longer sends the reader to
"page 9 of this document" (issue 12): a web page has no page 9. The checklist belongs to the
framework, not to a version, so this changes no published version."""

from django.db import migrations

OLD = "Common to all coordinated care roles are the key competencies referred to on page 9 of this document."
NEW = "Common to all coordinated care roles are the key competencies of this framework, set out in its four domains."


def forwards(apps, schema_editor):
    Framework = apps.get_model("frameworks", "Framework")
    for framework in Framework.objects.filter(checklist_introduction__contains=OLD):
        framework.checklist_introduction = framework.checklist_introduction.replace(OLD, NEW)
        framework.save(update_fields=["checklist_introduction"])


def backwards(apps, schema_editor):
    Framework = apps.get_model("frameworks", "Framework")
    for framework in Framework.objects.filter(checklist_introduction__contains=NEW):
        framework.checklist_introduction = framework.checklist_introduction.replace(NEW, OLD)
        framework.save(update_fields=["checklist_introduction"])


class Migration(migrations.Migration):
    dependencies = [("frameworks", "0001_initial")]

    operations = [migrations.RunPython(forwards, backwards)]

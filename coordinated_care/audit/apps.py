from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "coordinated_care.audit"
    verbose_name = "Audit trail"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import registrations, triggers

        # Registered here rather than in each app so that the audit trail is complete as soon as
        # this app is installed; models are imported lazily, after every app has loaded.
        registrations.register_existing_models()
        # Idempotent: puts the append-only triggers back if a migration rebuilt the table (SQLite
        # copies a table to alter it, and the copy has no triggers).
        post_migrate.connect(triggers.ensure_after_migrate, sender=self, dispatch_uid="audit-ensure-triggers")

from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "coordinated_care.audit"
    verbose_name = "Audit trail"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import triggers

        # The apps whose records are audited register their models (and programmes who may read
        # the events) in their own ready(): the audit trail knows no domain app (ADR 10).
        # Idempotent: puts the append-only triggers back if a migration rebuilt the table (SQLite
        # copies a table to alter it, and the copy has no triggers).
        post_migrate.connect(triggers.ensure_after_migrate, sender=self, dispatch_uid="audit-ensure-triggers")

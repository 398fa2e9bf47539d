from django.apps import AppConfig


class RolesConfig(AppConfig):
    name = "coordinated_care.roles"
    verbose_name = "Role profiles"

    def ready(self):
        from coordinated_care.confidentiality.registry import register

        from .models import ChecklistEntry, Course, RoleProfileVersion, SelfEvaluation, Service, Session

        # What `scan_existing` re-checks: what people type into the role profile, checklist, course
        # and self-evaluation forms. The shipped starting points and content are the service's own.
        register(RoleProfileVersion, ["title", "purpose", "setting", "band", "hours", "duties"])
        register(Service, ["name"])
        register(ChecklistEntry, ["owner", "notes"])
        register(Course, ["title"])
        register(Session, ["title", "learning_outcomes"])
        register(SelfEvaluation, ["objectives"])

        # What it holds of a person: their download, their erasure (accounts.providers, ADR 15).
        from . import personal_data

        personal_data.register_all()

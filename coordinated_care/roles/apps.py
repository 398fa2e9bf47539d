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

        # Each competency's content on the framework draft's pages: a link to edit it, and what the
        # draft changes of it on the compare and publish pages (frameworks.providers_drafts, ADR 23).
        from coordinated_care.frameworks import providers_drafts

        from .presenters_content import content_comparison, content_links

        providers_drafts.register_item_links(content_links)
        providers_drafts.register_comparison(content_comparison)

        # What it holds of a person: their download, their erasure (accounts.providers, ADR 15).
        from . import personal_data

        personal_data.register_all()

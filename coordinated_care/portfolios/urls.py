"""Every page of a portfolio lives under /portfolio/<enrolment uuid>/."""

from django.urls import path, register_converter

from . import views
from .kinds import KINDS_BY_SLUG
from .views import linking


class KindSlugConverter:
    """Only the slugs kinds.py declares: anything else is not a section, and /portfolio/<uuid>/
    keeps its other addresses (values-worksheet, criteria, ...) free of clashes."""

    regex = "|".join(sorted(KINDS_BY_SLUG, key=len, reverse=True))

    def to_python(self, value):
        return value

    def to_url(self, value):
        if value not in KINDS_BY_SLUG:
            raise ValueError(f"{value!r} is not a section of the portfolio.")
        return value


register_converter(KindSlugConverter, "kind")

app_name = "portfolios"

_ENTRY = "<uuid:enrolment_uuid>/entries/<uuid:entry_uuid>/"

urlpatterns = [
    path("<uuid:enrolment_uuid>/", views.overview, name="overview"),
    path("<uuid:enrolment_uuid>/criteria/<str:code>/", views.criterion, name="criterion"),
    path(
        "<uuid:enrolment_uuid>/criteria/<str:code>/evidence/",
        linking.add_criterion_evidence,
        name="add_criterion_evidence",
    ),
    path("<uuid:enrolment_uuid>/values-worksheet/", views.values_worksheet, name="values_worksheet"),
    path("<uuid:enrolment_uuid>/accredited-training/", views.accredited_training, name="accredited_training"),
    path("<uuid:enrolment_uuid>/workshops/<int:number>/", views.workshop_note, name="workshop_note"),
    path("<uuid:enrolment_uuid>/draft/", views.draft, name="draft"),
    path("<uuid:enrolment_uuid>/front-sheet/", views.front_sheet, name="front_sheet"),
    path("<uuid:enrolment_uuid>/reasonable-adjustments/", views.reasonable_adjustments, name="reasonable_adjustments"),
    path(
        "<uuid:enrolment_uuid>/reasonable-adjustments/<uuid:adjustment_uuid>/agree/",
        views.agree_reasonable_adjustment,
        name="agree_reasonable_adjustment",
    ),
    path(
        "<uuid:enrolment_uuid>/reasonable-adjustments/<uuid:adjustment_uuid>/remove/",
        views.remove_reasonable_adjustment,
        name="remove_reasonable_adjustment",
    ),
    path("<uuid:enrolment_uuid>/files/<uuid:attachment_uuid>/", views.attachment, name="attachment"),
    path(
        "<uuid:enrolment_uuid>/files/<uuid:attachment_uuid>/remove/", views.remove_attachment, name="remove_attachment"
    ),
    path(_ENTRY, views.entry, name="entry"),
    path(_ENTRY + "change/", views.edit_entry, name="edit_entry"),
    path(_ENTRY + "status/", views.entry_status, name="entry_status"),
    path(_ENTRY + "evidence/", views.entry_evidence, name="entry_evidence"),
    path(_ENTRY + "evidence/<str:code>/", linking.link_entry_to_criterion, name="link_entry_to_criterion"),
    path(_ENTRY + "files/", views.entry_attachments, name="entry_attachments"),
    path(_ENTRY + "versions/", views.entry_versions, name="entry_versions"),
    path(_ENTRY + "versions/<int:number>/", views.entry_version, name="entry_version"),
    path(_ENTRY + "redact/", views.redact_entry, name="redact_entry"),
    path("<uuid:enrolment_uuid>/<kind:kind>/", views.section, name="section"),
    path("<uuid:enrolment_uuid>/<kind:kind>/new/", views.new_entry, name="new_entry"),
    path("<uuid:enrolment_uuid>/<kind:kind>/new/suggestions/", linking.suggestions_partial, name="suggestions"),
]

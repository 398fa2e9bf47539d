"""Progress across many people: the cohort, organisation and learner dashboards."""

from django.urls import path

from coordinated_care.core import converters  # noqa: F401 (registers the formats the paths name)

from . import views

urlpatterns = [
    path("reports/cohorts/<uuid:cohort_uuid>/", views.cohort_dashboard, name="cohort_dashboard"),
    path(
        "reports/cohorts/<uuid:cohort_uuid>/learners.<sheet_format:fmt>",
        views.cohort_dashboard_download,
        name="cohort_dashboard_download",
    ),
    path(
        "reports/cohorts/<uuid:cohort_uuid>/workshops/<int:number>/attendance/",
        views.attendance_register,
        name="attendance_register",
    ),
    path("reports/organisations/", views.organisations, name="organisations_dashboard"),
    path(
        "reports/organisations/<uuid:organisation_uuid>/",
        views.organisation_dashboard,
        name="organisation_dashboard",
    ),
    path(
        "reports/organisations/<uuid:organisation_uuid>/progress.<sheet_format:fmt>",
        views.organisation_dashboard_download,
        name="organisation_dashboard_download",
    ),
    path("reports/progress/<uuid:enrolment_uuid>/", views.progress_over_time, name="progress_over_time"),
]

"""Progress across many people: the cohort, organisation and learner dashboards."""

from django.urls import path, register_converter

from . import views


class DownloadFormat:
    regex = "csv|xlsx"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


# Named for these pages: converters are registered for the whole site.
register_converter(DownloadFormat, "dashboard_download")

urlpatterns = [
    path("reports/cohorts/<uuid:cohort_uuid>/", views.cohort_dashboard, name="cohort_dashboard"),
    path(
        "reports/cohorts/<uuid:cohort_uuid>/learners.<dashboard_download:fmt>",
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
        "reports/organisations/<uuid:organisation_uuid>/progress.<dashboard_download:fmt>",
        views.organisation_dashboard_download,
        name="organisation_dashboard_download",
    ),
    path("reports/progress/<uuid:enrolment_uuid>/", views.progress_over_time, name="progress_over_time"),
]

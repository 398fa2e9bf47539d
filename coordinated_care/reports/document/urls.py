"""The portfolio as one document and its verification."""

from django.urls import path

from . import views

urlpatterns = [
    path("portfolio/<uuid:enrolment_uuid>/pdf/", views.portfolio_pdf, name="portfolio_pdf"),
    path(
        "portfolio/<uuid:enrolment_uuid>/pdf/<uuid:export_uuid>/",
        views.portfolio_pdf_progress,
        name="portfolio_pdf_progress",
    ),
    path(
        "portfolio/<uuid:enrolment_uuid>/pdf/<uuid:export_uuid>/download",
        views.portfolio_pdf_download,
        name="portfolio_pdf_download",
    ),
    path("verify/", views.verify, name="verify"),
]

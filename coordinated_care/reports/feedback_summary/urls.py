from django.urls import path

from . import views

urlpatterns = [
    path("portfolio/<uuid:enrolment_uuid>/feedback-summary/", views.feedback_summary, name="feedback_summary"),
]

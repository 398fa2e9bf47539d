"""Delegating assessing a learner (ADR 16): the programmes app's pages, under their own namespace."""

from django.urls import path

from . import views_delegations

app_name = "delegations"

urlpatterns = [
    path("learners/<uuid:enrolment_uuid>/delegations/", views_delegations.delegations, name="index"),
    path("delegations/<uuid:uuid>/withdraw/", views_delegations.withdraw, name="withdraw"),
]

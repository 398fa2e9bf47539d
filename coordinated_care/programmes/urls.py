from django.urls import path

from . import views, views_schedule, views_versions

app_name = "programmes"

urlpatterns = [
    path("programmes/", views.programme_index, name="index"),
    path("programmes/<slug:slug>/", views.programme, name="programme"),
    path("programmes/<slug:slug>/versions/", views_versions.programme_versions, name="versions"),
    path("programmes/<slug:slug>/draft/", views_versions.draft, name="draft"),
    path("programmes/<slug:slug>/draft/criteria/new/", views_versions.draft_criterion_add, name="draft_criterion_add"),
    path("programmes/<slug:slug>/draft/criteria/<str:code>/", views_versions.draft_criterion, name="draft_criterion"),
    path("programmes/<slug:slug>/draft/workshops/new/", views_versions.draft_workshop_add, name="draft_workshop_add"),
    path("programmes/<slug:slug>/draft/workshops/<int:number>/", views_versions.draft_workshop, name="draft_workshop"),
    path("cohorts/", views.cohort_list, name="cohorts"),
    path("cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/<uuid:uuid>/", views.cohort, name="cohort"),
    path("cohorts/<uuid:uuid>/workshops/<int:number>/", views.workshop, name="workshop"),
    path("cohorts/<uuid:uuid>/enrol/", views.enrol, name="enrol"),
    path("cohorts/<uuid:uuid>/workshops/new/", views_schedule.cohort_workshop_add, name="cohort_workshop_add"),
    path("cohorts/<uuid:uuid>/version/", views_versions.cohort_version, name="cohort_version"),
    path("schedule/<uuid:enrolment_uuid>/", views_schedule.learner_schedule, name="learner_schedule"),
    path(
        "schedule/<uuid:enrolment_uuid>/workshops/<int:number>/",
        views_schedule.learner_workshop,
        name="learner_workshop",
    ),
    path("schedule/<uuid:enrolment_uuid>/add/", views_schedule.learner_workshop_add, name="learner_workshop_add"),
    path(
        "schedule/<uuid:enrolment_uuid>/added/<int:change_id>/remove/",
        views_schedule.learner_workshop_remove,
        name="learner_workshop_remove",
    ),
]

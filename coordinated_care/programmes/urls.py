from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("programmes/", views.programme_index, name="index"),
    path("programmes/<slug:slug>/", views.programme, name="programme"),
    path("cohorts/", views.cohort_list, name="cohorts"),
    path("cohorts/new/", views.cohort_create, name="cohort_create"),
    path("cohorts/<uuid:uuid>/", views.cohort, name="cohort"),
    path("cohorts/<uuid:uuid>/workshops/<int:number>/", views.workshop, name="workshop"),
    path("cohorts/<uuid:uuid>/enrol/", views.enrol, name="enrol"),
]

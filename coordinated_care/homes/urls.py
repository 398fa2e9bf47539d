from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("learner/", views.learner_home, name="learner_home"),
    path("facilitator/", views.facilitator_home, name="facilitator_home"),
    path("supervisor/", views.supervisor_home, name="supervisor_home"),
    path("programme-lead/", views.programme_lead_home, name="programme_lead_home"),
    path("employer/", views.employer_home, name="employer_home"),
    path("administrator/", views.administrator_home, name="administrator_home"),
]

from django.urls import path

from . import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("healthz/live", views.healthz_live, name="healthz_live"),
]

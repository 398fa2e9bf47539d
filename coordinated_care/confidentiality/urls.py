from django.urls import path

from . import views

app_name = "confidentiality"
urlpatterns = [
    path("check/", views.check, name="check"),
]

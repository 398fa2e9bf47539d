from django.urls import path

from . import views

app_name = "reminders"

urlpatterns = [
    path("", views.reminder_choices, name="choices"),
    path("link/<str:token>/", views.by_link, name="by_link"),
]

from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("portfolio/<uuid:uuid>/", views.portfolio_history, name="portfolio_history"),
    path("<str:object_type>/<str:object_id>/", views.history, name="history"),
]

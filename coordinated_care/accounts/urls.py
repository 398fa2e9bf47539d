from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("your-data/", views.your_data, name="your_data"),
    path("your-data/download.<str:format>", views.download_your_data, name="download_your_data"),
    path("administrator/erase-personal-data/", views.erase_person, name="erase"),
    path("responsibilities/<slug:slug>/", views.responsibilities_page, name="responsibilities"),
]

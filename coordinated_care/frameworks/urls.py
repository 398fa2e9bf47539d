from django.urls import path, re_path, register_converter

from . import views


class ItemKindConverter:
    """The kinds that have an item page (domains have their own)."""

    regex = "theme|competency|component"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(ItemKindConverter, "item_kind")

app_name = "framework"

urlpatterns = [
    path("", views.index, name="index"),
    re_path(r"^search/?$", views.search, name="search"),
    path("<slug:slug>/", views.framework, name="framework"),
    path("<slug:slug>/checklist/", views.checklist, name="checklist"),
    path("<slug:slug>/v<int:number>/", views.version, name="version"),
    path("<slug:slug>/v<int:number>/domain/<str:code>/", views.domain, name="domain"),
    path("<slug:slug>/v<int:number>/<item_kind:kind>/<str:code>/", views.item, name="item"),
]

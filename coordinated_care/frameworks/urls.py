from django.urls import path, re_path, register_converter

from . import views, views_drafts


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
    # An administrator's drafts (views_drafts): 404 to everyone else.
    path("<slug:slug>/drafts/new/", views_drafts.start, name="start_draft"),
    path("<slug:slug>/v<int:number>/draft/", views_drafts.draft, name="draft"),
    path("<slug:slug>/v<int:number>/draft/new-item/", views_drafts.add, name="add_item"),
    path("<slug:slug>/v<int:number>/draft/item/<str:code>/", views_drafts.edit, name="edit_item"),
    path("<slug:slug>/v<int:number>/draft/item/<str:code>/move/", views_drafts.move, name="move_item"),
    path("<slug:slug>/v<int:number>/draft/item/<str:code>/remove/", views_drafts.remove, name="remove_item"),
    path("<slug:slug>/v<int:number>/draft/compare/", views_drafts.compare, name="compare"),
    path("<slug:slug>/v<int:number>/draft/publish/", views_drafts.publish_draft, name="publish"),
    path("<slug:slug>/v<int:number>/", views.version, name="version"),
    path("<slug:slug>/v<int:number>/domain/<str:code>/", views.domain, name="domain"),
    path("<slug:slug>/v<int:number>/<item_kind:kind>/<str:code>/", views.item, name="item"),
]

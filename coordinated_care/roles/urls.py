from django.urls import path

from coordinated_care.core import converters  # noqa: F401 (registers the formats the paths name)

from . import views, views_checklists, views_content, views_curricula, views_needs

app_name = "roles"

urlpatterns = [
    path("", views.profile_list, name="index"),
    path("new/", views.profile_create, name="create"),
    path("copy/", views.profile_copy, name="copy"),
    path("needs/", views_needs.needs, name="needs"),
    path("needs/<sheet_format:fmt>/", views_needs.needs_export, name="needs_export"),
    path("people/<uuid:uuid>/", views_needs.person, name="person"),
    path("my-roles/", views_needs.my_roles, name="mine"),
    path("my-roles/<uuid:uuid>/", views_needs.self_evaluation, name="self_evaluation"),
    path("programme-from-profile/", views_needs.programme_from_profile, name="programme_from_profile"),
    path("curricula/", views_curricula.curricula, name="curricula"),
    path("curricula/courses/<uuid:uuid>/", views_curricula.course, name="course"),
    path("curricula/coverage/", views_curricula.coverage_page, name="coverage"),
    path("curricula/coverage/<export_format:fmt>/", views_curricula.coverage_export, name="coverage_export"),
    path("services/", views_checklists.service_list, name="services"),
    path("services/<uuid:uuid>/", views_checklists.service, name="service"),
    path("services/<uuid:uuid>/items/<str:code>/", views_checklists.entry, name="service_entry"),
    path("services/<uuid:uuid>/<export_format:fmt>/", views_checklists.service_export, name="service_export"),
    # A framework draft's competency content (views_content, ADR 23): administrators only, 404 to everyone else.
    path("content/<slug:slug>/v<int:number>/<str:code>/", views_content.content, name="content"),
    path(
        "content/<slug:slug>/v<int:number>/<str:code>/questions/new/", views_content.question_add, name="add_question"
    ),
    path(
        "content/<slug:slug>/v<int:number>/<str:code>/questions/<int:position>/",
        views_content.question_edit,
        name="edit_question",
    ),
    path(
        "content/<slug:slug>/v<int:number>/<str:code>/questions/<int:position>/remove/",
        views_content.question_remove,
        name="remove_question",
    ),
    path(
        "content/<slug:slug>/v<int:number>/<str:code>/questions/<int:position>/move/",
        views_content.question_move,
        name="move_question",
    ),
    path("<slug:slug>/", views.profile, name="profile"),
    path("<slug:slug>/edit/", views.profile_edit, name="edit"),
    path("<slug:slug>/publish/", views.profile_publish, name="publish"),
    path("<slug:slug>/new-version/", views.profile_new_version, name="new_version"),
    path("<slug:slug>/people/", views_needs.holders, name="holders"),
    path("<slug:slug>/documents/<slug:kind>/", views.document, name="document"),
    path("<slug:slug>/documents/<slug:kind>/<document_format:fmt>/", views.document_download, name="download"),
]

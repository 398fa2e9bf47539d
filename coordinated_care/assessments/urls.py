from django.urls import path

from . import views

app_name = "assessments"

urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("<uuid:enrolment_uuid>/criteria/<str:code>/ask/", views.ask, name="ask"),
    path("requests/<uuid:request_uuid>/", views.request_detail, name="request"),
    path("requests/<uuid:request_uuid>/cancel/", views.cancel, name="cancel"),
    path("requests/<uuid:request_uuid>/changes/", views.changes, name="changes"),
    path("signatures/<uuid:signature_uuid>/withdraw/", views.withdraw, name="withdraw"),
    path("<uuid:enrolment_uuid>/records/<uuid:entry_uuid>/comment/", views.record_comment, name="record_comment"),
    path("<uuid:enrolment_uuid>/criteria/<str:code>/reflection/", views.reflection, name="reflection"),
    path(
        "<uuid:enrolment_uuid>/criteria/<str:code>/reflection/write/", views.reflection_write, name="reflection_write"
    ),
    path("<uuid:enrolment_uuid>/criteria/<str:code>/reflection/sign/", views.reflection_sign, name="reflection_sign"),
    path("<uuid:enrolment_uuid>/reviews/", views.reviews, name="reviews"),
    path("reviews/<uuid:review_uuid>/", views.review, name="review"),
    path("reviews/<uuid:review_uuid>/edit/", views.review_edit, name="review_edit"),
    path("reviews/<uuid:review_uuid>/sign/", views.review_sign, name="review_sign"),
    path("reviews/<uuid:review_uuid>/invite/", views.invite, name="invite"),
    path("invitations/<uuid:invitation_uuid>/cancel/", views.cancel_invitation, name="cancel_invitation"),
    # The only pages open without signing in (ADR 7).
    path("sign/done/", views.invitation_done, name="invitation_done"),
    path("sign/<str:token>/", views.invitation, name="invitation"),
    path("sign/<str:token>/code/", views.invitation_code, name="invitation_code"),
    path("sign/<str:token>/review/", views.invitation_sign, name="invitation_sign"),
]

from django.urls import path

from .views import asked, public, staff

app_name = "feedback"

urlpatterns = [
    # Anyone with a link: no account.
    path("f/<str:token>/", public.respond, name="respond"),
    path("f/<str:token>/answers/", public.answer, name="answer"),
    path("thank-you/", public.thanks, name="thanks"),
    path("no-thanks/", public.declined, name="declined"),
    # The workplace supervisor a request is addressed to, signed in.
    path("asked-of-you/<uuid:request_uuid>/", asked.answer, name="asked"),
    # The learner, their facilitator and the others who may read the portfolio.
    path("<uuid:enrolment_uuid>/", staff.overview, name="overview"),
    path("<uuid:enrolment_uuid>/requests/", staff.requests, name="requests"),
    path("<uuid:enrolment_uuid>/requests/new/", staff.ask, name="ask"),
    path("<uuid:enrolment_uuid>/requests/new/<str:audience>/", staff.new_request, name="new_request"),
    path("<uuid:enrolment_uuid>/requests/<uuid:request_uuid>/new-link/", staff.reissue_request, name="reissue"),
    path("<uuid:enrolment_uuid>/requests/<uuid:request_uuid>/withdraw/", staff.withdraw_request, name="withdraw"),
    path("<uuid:enrolment_uuid>/responses/<uuid:response_uuid>/", staff.response_detail, name="response"),
    path(
        "<uuid:enrolment_uuid>/responses/<uuid:response_uuid>/evidence/<int:link_id>/remove/",
        staff.unlink_evidence,
        name="unlink",
    ),
    path("<uuid:enrolment_uuid>/responses/<uuid:response_uuid>/countersign/", staff.countersign, name="countersign"),
    path("<uuid:enrolment_uuid>/responses/<uuid:response_uuid>/remove/", staff.delete_response, name="remove"),
    path("<uuid:enrolment_uuid>/paper/<str:audience>/", staff.paper, name="paper"),
]

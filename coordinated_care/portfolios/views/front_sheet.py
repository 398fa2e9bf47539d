"""The portfolio's front sheet: who the learner is and who supports them, as the PD's first page."""

from django.views.decorators.http import require_GET

from .. import access
from ..presenters.front_sheet import front_sheet_page
from ._common import render_page


@require_GET
def front_sheet(request, enrolment_uuid):
    enrolment = access.enrolment_for(request.user, enrolment_uuid)
    return render_page(request, "portfolios/front_sheet.jinja", front_sheet_page(enrolment, request.user))

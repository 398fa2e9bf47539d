"""Dashboard pages. Each view finds what the address names through the rule that lets this
person see it (access.py: 404 for anyone else), then asks a presenter for the page; the one
change, marking attendance, goes through the programmes app's service.

The figures are gathered from the PostgreSQL replica when there is one (DATABASE_REPLICA_URL, ADR 9):
they may be a moment behind, which a dashboard can bear. Who may see the page is decided before,
on the primary, so a role just taken away is never read from a replica that has not caught up; the
attendance register, which shows what its lead has just marked, reads the primary."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse

from coordinated_care.core.replica import reading_from_replica
from coordinated_care.programmes.services.attendance import mark_attendance

from . import access, cohort, downloads, learner, organisation, register
from .forms import AttendanceForm


def cohort_dashboard(request, cohort_uuid):
    found = access.led_cohort(request.user, cohort_uuid)
    with reading_from_replica():
        context = cohort.dashboard_page(found, request.GET)
    return render(request, "reports/dashboards/cohort.jinja", context)


def cohort_dashboard_download(request, cohort_uuid, fmt):
    found = access.led_cohort(request.user, cohort_uuid)
    with reading_from_replica():
        head, rows = cohort.export_table(found, request.GET)
    name = f"cohort-{found.uuid}.{fmt}"
    if fmt == "csv":
        return downloads.csv_response(head, rows, name)
    return downloads.xlsx_response("Cohort dashboard", head, rows, name)


def attendance_register(request, cohort_uuid, number):
    workshop = access.led_workshop(request.user, cohort_uuid, number)
    context = register.register_page(workshop, request.GET)
    form = AttendanceForm(
        request.POST if request.method == "POST" else None, enrolments=context["enrolments"], marks=context["marks"]
    )
    if request.method == "POST" and form.is_valid():
        try:
            changed = mark_attendance(workshop=workshop, user=request.user, marks=form.marks())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            plural = "mark" if changed == 1 else "marks"
            messages.success(request, f"Attendance at WS{workshop.number} is saved: {changed} {plural} changed.")
            return redirect(reverse("cohort_dashboard", kwargs={"cohort_uuid": workshop.cohort.uuid}) + "#workshops")
    return render(request, "reports/dashboards/register.jinja", {**context, "form": form})


def organisations(request):
    choices = list(access.dashboard_organisations(request.user).order_by("name"))
    if len(choices) == 1:
        return redirect("organisation_dashboard", organisation_uuid=choices[0].uuid)
    return render(
        request,
        "reports/dashboards/organisations.jinja",
        {"page_title": "Progress across your organisations", "organisations": choices},
    )


def organisation_dashboard(request, organisation_uuid):
    found = access.viewable_organisation(request.user, organisation_uuid)
    with reading_from_replica():
        context = organisation.organisation_page(found, request.GET)
    return render(request, "reports/dashboards/organisation.jinja", context)


def organisation_dashboard_download(request, organisation_uuid, fmt):
    found = access.viewable_organisation(request.user, organisation_uuid)
    with reading_from_replica():
        rows, by_kind, _, by_competency = organisation.organisation_facts(found)
    units = organisation.unit_table(by_kind)
    name = f"organisation-{found.uuid}.{fmt}"
    if fmt == "csv":
        return downloads.csv_response(organisation.UNIT_HEAD, units, name)
    return downloads.workbook_response(
        [
            ("By organisation", organisation.UNIT_HEAD, units),
            ("Development needs", organisation.CLUSTER_HEAD, organisation.cluster_table(by_competency)),
            ("Staff", organisation.STAFF_HEAD, organisation.staff_table(rows)),
        ],
        name,
    )


def progress_over_time(request, enrolment_uuid):
    enrolment = access.readable_enrolment(request.user, enrolment_uuid)
    with reading_from_replica():
        context = learner.progress_page(enrolment, request.user)
    return render(request, "reports/dashboards/learner.jinja", context)

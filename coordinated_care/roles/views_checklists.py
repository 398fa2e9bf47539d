"""A service's development checklist: the services of the organisations one manages, each item's
status, and the whole as PDF or XLSX. Anyone who does not manage the service is told it does not
exist."""

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render

from . import services, spreadsheets
from .documents import render_pdf
from .documents.model import Document, Paragraph, Section, Table
from .forms_checklists import EntryForm, ServiceForm
from .services import checklists

FRAMEWORK_SLUG = "making-sense-of-coordinated-care"


def service_list(request):
    services.require_manager(request.user)
    form = ServiceForm(
        request.POST or None, organisations=services.managed_organisations(request.user).order_by("name")
    )
    if request.method == "POST" and form.is_valid():
        from coordinated_care.frameworks.models import Framework

        framework = Framework.objects.get(slug=FRAMEWORK_SLUG)
        service = checklists.create_service(
            organisation=form.cleaned_data["organisation"], framework=framework, name=form.cleaned_data["name"].strip()
        )
        messages.success(request, f"{service.name}: work through the checklist item by item.")
        return redirect("roles:service", service.uuid)
    rows = list(checklists.managed_services(request.user).order_by("organisation__name", "name"))
    context = {"page_title": "Service development checklists", "services": rows, "form": form}
    return render(request, "roles/checklists/list.jinja", context)


def service(request, uuid):
    found = checklists.managed_service(request.user, uuid)
    context = {"page_title": found.name, "service": found, "sections": checklists.progress(found)}
    return render(request, "roles/checklists/service.jinja", context)


def entry(request, uuid, code):
    found = checklists.managed_service(request.user, uuid)
    item = checklists.entry_of(found, code)
    initial = {"status": item.status, "owner": item.owner, "notes": item.notes, "review_date": item.review_date}
    form = EntryForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        checklists.update_entry(
            item,
            status=data["status"],
            owner=data["owner"].strip(),
            notes=data["notes"].strip(),
            review_date=data["review_date"],
        )
        messages.success(request, f"Item {item.code} saved.")
        return redirect("roles:service", found.uuid)
    context = {"page_title": f"Item {item.code} of {found.name}", "service": found, "entry": item, "form": form}
    return render(request, "roles/checklists/entry.jinja", context)


def _rows(sections):
    for progress in sections:
        for item in progress.entries:
            yield (
                progress.section.title,
                item.code,
                item.text,
                item.get_status_display(),
                item.owner,
                item.notes,
                item.review_date.isoformat() if item.review_date else "",
            )


HEAD = ("Section", "Item", "Question", "Status", "Owner", "Notes", "Review date")


def service_export(request, uuid, fmt):
    found = checklists.managed_service(request.user, uuid)
    sections = checklists.progress(found)
    if fmt == "xlsx":
        return spreadsheets.xlsx_response("Checklist", HEAD, list(_rows(sections)), f"checklist-{found.uuid}.xlsx")
    blocks = [
        Section(
            f"{p.section.code}. {p.section.title}",
            [
                Paragraph(f"{p.settled} of {p.total} done or not applicable."),
                Table(
                    p.section.title,
                    ("Item", "Question", "Status", "Owner", "Notes", "Review date"),
                    tuple(row[1:] for row in _rows([p])),
                    True,
                ),
            ],
        )
        for p in sections
    ]
    provenance = f"{found.organisation.name}; the checklist of the guide “Making sense of coordinated care”."
    document = Document("checklist", f"Service development checklist: {found.name}", provenance, blocks)
    response = HttpResponse(render_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="checklist-{found.uuid}.pdf"'
    return response

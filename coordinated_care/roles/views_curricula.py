"""Curriculum coverage for education and training providers: their courses and sessions mapped to
the framework, and the coverage of a programme or a course, compared with a role profile, as a
page, PDF and XLSX. Programme leads (for their training providers' courses) and administrators."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from . import presenters, services, spreadsheets
from .documents import render_pdf
from .documents.model import Document, Paragraph, Section, Table
from .forms_curricula import CourseForm, SessionForm
from .models import Course
from .services import coverage


def _require(user):
    if not coverage.may_map_curricula(user):
        raise Http404


def curricula(request):
    _require(request.user)
    providers = coverage.providers_of(request.user).order_by("name")
    form = CourseForm(request.POST or None, providers=providers)
    if request.method == "POST" and form.is_valid():
        course = coverage.create_course(
            training_provider=form.cleaned_data["training_provider"],
            framework_version=form.cleaned_data["framework_version"],
            title=form.cleaned_data["title"].strip(),
        )
        messages.success(request, f"{course.title}: add its sessions and what each covers.")
        return redirect("roles:course", course.uuid)
    courses = Course.objects.filter(training_provider__in=providers).select_related("training_provider")
    context = {"page_title": "Curriculum coverage", "form": form, "courses": courses}
    return render(request, "roles/curricula/index.jinja", context)


def course(request, uuid):
    found = coverage.managed_course(request.user, uuid)
    items = presenters.grid_items(found.framework_version)
    form = SessionForm(request.POST or None, items=items)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        coverage.add_session(
            found,
            title=data["title"].strip(),
            learning_outcomes=data["learning_outcomes"].strip(),
            items=form.chosen_items(),
        )
        messages.success(request, "Session added.")
        return redirect("roles:course", found.uuid)
    sessions = found.sessions.prefetch_related("items").order_by("position")
    context = {"page_title": found.title, "course": found, "sessions": sessions, "form": form}
    return render(request, "roles/curricula/course.jinja", context)


def _sources(user):
    programmes = [(f"programme:{p.slug}", p.title) for p in coverage.programmes_to_map()]
    courses = Course.objects.filter(training_provider__in=coverage.providers_of(user)).order_by("title")
    return programmes + [(f"course:{c.uuid}", f"{c.title} (course)") for c in courses], courses


def _coverage(request):
    _require(request.user)
    sources, courses = _sources(request.user)
    source = request.GET.get("source") or (sources[0][0] if sources else "")
    kind, _, key = source.partition(":")
    result = None
    if kind == "programme":
        programme = next((p for p in coverage.programmes_to_map() if p.slug == key), None)
        result = coverage.programme_coverage(programme) if programme else None
    elif kind == "course":
        found = next((c for c in courses if str(c.uuid) == key), None)
        result = coverage.course_coverage(found) if found else None
    versions = services.shared_versions([])
    profile = next((v for v in versions if str(v.pk) == request.GET.get("profile", "")), None)
    if result is not None and profile is not None:
        coverage.compare(result, profile)
    return {"sources": sources, "source": source, "result": result, "versions": versions, "profile": profile}


def coverage_page(request):
    context = _coverage(request)
    return render(request, "roles/curricula/coverage.jinja", {"page_title": "Coverage of the framework", **context})


def coverage_export(request, fmt):
    context = _coverage(request)
    result, profile = context["result"], context["profile"]
    if result is None:
        raise Http404("Nothing to export.")
    head = ("Code", "Competency or component", "Covered by", *(("In the role profile",) if profile else ()))
    rows = [
        (
            row.item.code,
            row.item.title,
            "; ".join(row.how) or "Not covered",
            *(
                (
                    f"{row.picked.get_priority_display()}, {row.picked.get_level_display().lower()}"
                    if row.picked
                    else "No",
                )
                if profile
                else ()
            ),
        )
        for row in result.rows
    ]
    if fmt == "xlsx":
        return spreadsheets.xlsx_response("Coverage", head, rows, "coverage.xlsx")
    summary = f"{len(result.rows) - len(result.uncovered)} of {len(result.rows)} competencies and components covered."
    if profile:
        summary += f" Compared with the role profile “{profile.title}”, version {profile.number}: "
        summary += f"{len(result.picked_but_uncovered)} of its picks not covered."
    sections = [Section("Coverage", [Paragraph(summary), Table("Coverage of the framework", head, tuple(rows), True)])]
    document = Document(
        "coverage", f"Curriculum coverage: {result.title}", "Mapped to the competency framework.", sections
    )
    response = HttpResponse(render_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="coverage.pdf"'
    return response

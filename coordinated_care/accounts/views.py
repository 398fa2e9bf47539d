"""A person's download of their data, and the administrator's erasure (UK GDPR; ADR 15); the
responsibilities the Portfolio Document gives a role, and their acknowledgement."""

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from . import privacy, responsibilities
from .privacy_forms import ErasureForm
from .services import HOME_URL_NAMES

FORMATS = {"json": "application/json", "pdf": "application/pdf"}


@require_GET
def your_data(request):
    return render(request, "accounts/your_data.jinja", {"page_title": "Download your data"})


@require_GET
def download_your_data(request, format):
    """Only ever the signed-in person's own data: the address names no one."""
    if format not in FORMATS:
        raise Http404
    body = privacy.export_json(request.user) if format == "json" else privacy.export_pdf(request.user)
    response = HttpResponse(body, content_type=FORMATS[format])
    name = f"your-data-{timezone.localdate():%Y-%m-%d}.{format}"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_http_methods(["GET", "POST"])
def erase_person(request):
    # Administrators only; to anyone else the page does not exist.
    if not privacy.can_erase(request.user):
        raise Http404
    form = ErasureForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            done = privacy.erase(form.person, by=request.user)
        except privacy.ErasureRefused as refusal:
            form.add_error("email", str(refusal))
        else:
            summary = ", ".join(f"{what}: {count}" for what, count in done.items())
            messages.success(request, f"Their personal data is erased ({summary}).")
            return redirect("accounts:erase")
    return render(request, "accounts/erase.jinja", {"page_title": "Erase a person's data", "form": form})


@require_http_methods(["GET", "POST"])
def responsibilities_page(request, slug):
    """The responsibilities of a role in the PD's words; whoever holds the role acknowledges them
    here, once. To anyone else the page does not exist."""
    which = responsibilities.SLUGS.get(slug)
    if which is None or not responsibilities.may_acknowledge(request.user, which):
        raise Http404
    if request.method == "POST":
        responsibilities.acknowledge(request.user, which)
        messages.success(request, "Thank you: you have acknowledged these responsibilities.")
        return redirect(HOME_URL_NAMES[responsibilities.ROLE[which]])
    context = {
        "page_title": which.label,
        "responsibilities": which,
        "slug": slug,
        "acknowledged_at": responsibilities.acknowledged_at(request.user, which),
    }
    return render(request, "accounts/responsibilities.jinja", context)

"""Framework pages: readable by everyone signed in (sign-in is enforced for every page by
LoginRequiredMiddleware). Views only pick the presenter and the template."""

from django.shortcuts import redirect, render

from . import presenters, presenters_drafts


def index(request):
    context = presenters.index_page()
    if "redirect" in context:
        return redirect(context["redirect"])
    return render(request, "frameworks/index.jinja", context)


def framework(request, slug):
    return redirect(presenters.framework_redirect(slug, request.user))


def version(request, slug, number):
    context = presenters.version_page(slug, number, request.user)
    context["drafting"] = presenters_drafts.versions_panel(context["version"], context["versions"], request.user)
    return render(request, "frameworks/version.jinja", context)


def domain(request, slug, number, code):
    return render(request, "frameworks/domain.jinja", presenters.domain_page(slug, number, code, request.user))


def item(request, slug, number, kind, code):
    return render(request, "frameworks/item.jinja", presenters.item_page(slug, number, kind, code, request.user))


def search(request):
    return render(request, "frameworks/search.jinja", presenters.search_page(request.GET.get("q", "")))


def checklist(request, slug):
    return render(request, "frameworks/checklist.jinja", presenters.checklist_page(slug))

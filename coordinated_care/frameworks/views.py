from django.shortcuts import render


def index(request):
    return render(request, "frameworks/index.jinja", {"page_title": "Competency framework"})

"""A page for the browser test only: one textarea with the live check, the declaration and a save
button, on the service's own layout and Content-Security-Policy. Real portfolio pages do the same."""

from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

from coordinated_care.confidentiality.forms import ConfidentialityCheckedFormMixin

PAGE = """{% extends "layouts/base.jinja" %}
{% from "includes/forms.jinja" import formErrorSummary, textArea, submitButton %}
{% from "confidentiality/declaration.jinja" import confidentialityDeclaration %}
{% block page %}
  {% if saved %}<p class="nhsuk-body" id="saved">Saved.</p>{% endif %}
  {{ formErrorSummary(form) }}
  <form method="post" novalidate>
    {{ csrf_input }}
    {{ textArea(form.reflection, {"attributes": form.confidentiality_attributes}) }}
    {{ confidentialityDeclaration(form) }}
    {{ submitButton("Save") }}
  </form>
{% endblock %}"""


class CaseStudyForm(ConfidentialityCheckedFormMixin, forms.Form):
    reflection = forms.CharField(label="Outcomes, reflections and learning", widget=forms.Textarea)


def case_study(request):
    form = CaseStudyForm(request.POST or None)
    saved = request.method == "POST" and form.is_valid()
    html = engines["jinja2"].from_string(PAGE).render({"form": form, "saved": saved}, request)
    return HttpResponse(html)


urlpatterns = [
    path("test-case-study/", case_study),
    path("", include("coordinated_care.config.urls")),
]

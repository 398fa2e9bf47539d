from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("coordinated_care.core.urls")),
    path("", include("coordinated_care.homes.urls")),
    path("", include("coordinated_care.programmes.urls")),
    path("", include("coordinated_care.programmes.urls_delegations")),
    path("framework/", include("coordinated_care.frameworks.urls")),
    path("history/", include("coordinated_care.audit.urls")),
    path("feedback/", include("coordinated_care.feedback.urls")),
    path("portfolio/", include("coordinated_care.portfolios.urls")),
    path("confidentiality/", include("coordinated_care.confidentiality.urls")),
    path("assessments/", include("coordinated_care.assessments.urls")),
    path("roles/", include("coordinated_care.roles.urls")),
    path("reminders/", include("coordinated_care.reminders.urls")),
    path("", include("coordinated_care.reports.urls")),
    path("", include("coordinated_care.accounts.urls")),
    path("accounts/", include("allauth.urls")),
    path("admin/", admin.site.urls),
]

# The error page with a reference, logged with the exception (core.views.server_error).
handler500 = "coordinated_care.core.views.server_error"

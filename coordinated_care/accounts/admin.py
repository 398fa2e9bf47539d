from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from .models import Organisation, RoleAssignment, User


def sign_in_through_the_service(request, extra_context=None):
    """The admin has no sign-in page of its own: it sends to the service's, so that the same
    throttling, lockout and second factor apply (and SecondFactorRequiredMiddleware keeps a session
    opened with one factor out of the admin)."""
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"), login_url=reverse("account_login"))


admin.site.login = sign_in_through_the_service


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["full_name"]
    list_display = ["full_name", "email", "is_active", "last_login"]
    search_fields = ["full_name", "email"]
    inlines = [RoleAssignmentInline]
    fieldsets = [
        (None, {"fields": ["email", "full_name", "password"]}),
        ("Access", {"fields": ["is_active", "is_staff", "is_superuser"]}),
        ("Dates", {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [(None, {"classes": ["wide"], "fields": ["email", "full_name", "password1", "password2"]})]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "ods_code", "parent"]
    list_filter = ["kind"]
    search_fields = ["name", "ods_code"]
    autocomplete_fields = ["parent"]

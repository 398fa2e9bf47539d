"""People in a role and how they rate themselves against its profile: for each pick, the level they
show and how relevant it is to their work this year. Their line manager reads it and agrees
objectives. The needs ranked from it are computed (services/needs.py), never stored."""

import uuid

from django.db import models
from django.utils import timezone


class RoleHolder(models.Model):
    """A person working in a role described by a profile, in a team (the organisation they work at),
    on a programme or not."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey("accounts.User", on_delete=models.CASCADE, related_name="roles_held")
    profile = models.ForeignKey("roles.RoleProfile", on_delete=models.PROTECT, related_name="holders")
    organisation = models.ForeignKey("accounts.Organisation", on_delete=models.PROTECT, related_name="role_holders")
    line_manager = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="role_holders_managed"
    )
    started_on = models.DateField(default=timezone.localdate)

    class Meta:
        ordering = ["user__full_name", "pk"]
        constraints = [models.UniqueConstraint(fields=["user", "profile"], name="role_holder_unique")]

    def __str__(self):
        return f"{self.user} as {self.profile}"


class Shown(models.IntegerChoices):
    """The level a person shows, on the scale of the levels expected (aware 1, practising 2, leading 3)."""

    NOT_YET = 0, "Not yet"
    AWARE = 1, "Aware"
    PRACTISING = 2, "Practising"
    LEADING = 3, "Leading"


class Relevance(models.IntegerChoices):
    LOW = 1, "A little"
    MEDIUM = 2, "Some"
    HIGH = 3, "A lot"


class SelfEvaluation(models.Model):
    holder = models.ForeignKey(RoleHolder, on_delete=models.CASCADE, related_name="evaluations")
    version = models.ForeignKey("roles.RoleProfileVersion", on_delete=models.PROTECT, related_name="evaluations")
    updated_at = models.DateTimeField(default=timezone.now)
    objectives = models.TextField(blank=True, help_text="The objectives agreed with the line manager.")
    agreed_by = models.ForeignKey("accounts.User", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    agreed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["holder", "-updated_at"]
        constraints = [models.UniqueConstraint(fields=["holder", "version"], name="self_evaluation_unique")]

    def __str__(self):
        return f"{self.holder} against {self.version}"


class Rating(models.Model):
    evaluation = models.ForeignKey(SelfEvaluation, on_delete=models.CASCADE, related_name="ratings")
    pick = models.ForeignKey("roles.Pick", on_delete=models.CASCADE, related_name="ratings")
    shown = models.PositiveSmallIntegerField(choices=Shown.choices)
    relevance = models.PositiveSmallIntegerField(choices=Relevance.choices)

    class Meta:
        ordering = ["evaluation", "pick"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "pick"], name="rating_unique_pick")]

    def __str__(self):
        return f"{self.pick}: {self.get_shown_display()}, relevance {self.get_relevance_display()}"

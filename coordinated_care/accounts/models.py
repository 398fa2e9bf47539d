import uuid

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who signs in. What they may do comes from their role assignments, not from flags."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField("e-mail address", unique=True)
    full_name = models.CharField(max_length=200)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    objects = UserManager()

    class Meta:
        ordering = ["full_name"]

    def __str__(self):
        return self.full_name or self.email

    @property
    def display_name(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Organisation(models.Model):
    """An NHS or training organisation. ICBs hold PCNs, PCNs hold practices; training
    providers (training hubs, universities) stand on their own or under an ICB."""

    class Kind(models.TextChoices):
        ICB = "icb", "Integrated care board"
        PCN = "pcn", "Primary care network"
        PRACTICE = "practice", "GP practice"
        TRAINING_PROVIDER = "training_provider", "Training provider"

    # Which kind of organisation may hold which: the tree ICB → PCN → practice.
    ALLOWED_PARENTS = {
        Kind.ICB: set(),
        Kind.PCN: {Kind.ICB},
        Kind.PRACTICE: {Kind.PCN, Kind.ICB},
        Kind.TRAINING_PROVIDER: {Kind.ICB},
    }

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=32, choices=Kind.choices)
    ods_code = models.CharField("ODS code", max_length=10, blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ods_code"], condition=~models.Q(ods_code=""), name="organisation_unique_ods_code"
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        allowed = self.ALLOWED_PARENTS[self.Kind(self.kind)]
        if self.parent is None:
            if self.kind in (self.Kind.PCN, self.Kind.PRACTICE):
                raise ValidationError(
                    {"parent": f"A {self.get_kind_display().lower()} must belong to an organisation."}
                )
            return
        if self.parent.kind not in allowed:
            raise ValidationError(
                {
                    "parent": (
                        f"A {self.get_kind_display().lower()} cannot belong to a "
                        f"{self.parent.get_kind_display().lower()}."
                    )
                }
            )
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk:
                raise ValidationError({"parent": "An organisation cannot belong to itself."})
            ancestor = ancestor.parent


class Role(models.TextChoices):
    LEARNER = "learner", "Learner"
    FACILITATOR = "facilitator", "Practice-based facilitator"
    PROGRAMME_LEAD = "programme_lead", "Learning facilitator / programme lead"
    SUPERVISOR = "supervisor", "Workplace supervisor / mentor"
    EMPLOYER = "employer", "Employer / manager"
    ADMINISTRATOR = "administrator", "Administrator"


class RoleAssignment(models.Model):
    """A person holds a role at an organisation: a learner at a practice, a programme lead at a
    training hub, an employer at a PCN. The same person may hold several."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(max_length=32, choices=Role.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="role_assignments")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["user", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "organisation"], name="role_assignment_unique"),
        ]
        indexes = [models.Index(fields=["organisation", "role"])]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} at {self.organisation}"


class SignedInSession(models.Model):
    """A session a person signed in to, so that it can be ended from outside it: when their
    organisation's provider tells us they signed out there (accounts.oidc.backchannel). Django's
    own sessions cannot be searched by person. A row outlives its session harmlessly; signing out
    removes it."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="signed_in_sessions")
    session_key = models.CharField(max_length=64, unique=True)
    # Which OpenID Connect provider signed the person in, and its session ("sid"); blank for a password.
    provider_id = models.CharField(max_length=64, blank=True)
    provider_sid = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["provider_id", "provider_sid"])]

    def __str__(self):
        return f"{self.user} – signed in {self.created_at:%Y-%m-%d %H:%M}"


class Acknowledgement(models.Model):
    """A person has read the responsibilities the Portfolio Document gives their role and said they
    will keep to them (accounts.responsibilities): once for each set, on the date kept here."""

    class Responsibilities(models.TextChoices):
        CARE_COORDINATOR = "care_coordinator", "Care coordinator responsibilities"
        FACILITATOR = "facilitator", "Practice-based learning facilitator responsibilities"

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="acknowledgements")
    responsibilities = models.CharField(max_length=32, choices=Responsibilities.choices)
    acknowledged_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "responsibilities"], name="acknowledgement_once_per_person"),
        ]

    def __str__(self):
        return f"{self.user} – {self.get_responsibilities_display()}"

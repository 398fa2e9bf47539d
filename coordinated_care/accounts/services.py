"""Who holds which role where. Roles are relationships between a person and an organisation."""

from allauth.account.models import EmailAddress
from django.core.exceptions import ValidationError
from django.db import connections, router, transaction

from .models import Organisation, Role, RoleAssignment, User

# A person with several roles lands on the home page of the first of these they hold.
HOME_ORDER = [
    Role.LEARNER,
    Role.FACILITATOR,
    Role.SUPERVISOR,
    Role.PROGRAMME_LEAD,
    Role.EMPLOYER,
    Role.ADMINISTRATOR,
]

HOME_URL_NAMES = {
    Role.LEARNER: "learner_home",
    Role.FACILITATOR: "facilitator_home",
    Role.SUPERVISOR: "supervisor_home",
    Role.PROGRAMME_LEAD: "programme_lead_home",
    Role.EMPLOYER: "employer_home",
    Role.ADMINISTRATOR: "administrator_home",
}


def roles_of(user):
    """The roles a person holds anywhere, read once per request (every signed-in page's header asks)."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_roles_cache", None)
    if cached is None:
        cached = frozenset(Role(r) for r in _role_values(user.pk))
        user._roles_cache = cached
    return cached


def _role_values(user_id):
    """The same query as RoleAssignment.objects.filter(user=...).values_list("role"), written out: the
    ORM took 0.5 ms of CPU to build it (and its default ordering joined the users), the most of any one
    thing a signed-in page paid before its own work."""
    using = router.db_for_read(RoleAssignment)
    connection = connections[using]
    quote = connection.ops.quote_name
    meta = RoleAssignment._meta
    table = quote(meta.db_table)
    sql = (
        f"SELECT {table}.{quote(meta.get_field('role').column)} FROM {table}"
        f" WHERE {table}.{quote(meta.get_field('user').column)} = %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [user_id])
        return [row[0] for row in cursor.fetchall()]


def has_role(user, role):
    return Role(role) in roles_of(user)


def home_roles(user):
    """The person's roles in landing order."""
    held = roles_of(user)
    return [role for role in HOME_ORDER if role in held]


@transaction.atomic
def grant_role(user: User, role: Role, organisation: Organisation) -> RoleAssignment:
    """Give a person a role at an organisation; administrators may also use the Django admin."""
    assignment, _ = RoleAssignment.objects.get_or_create(user=user, role=role, organisation=organisation)
    if role == Role.ADMINISTRATOR and not (user.is_staff and user.is_superuser):
        user.is_staff = True
        user.is_superuser = True
        user.save(update_fields=["is_staff", "is_superuser"])
    user.__dict__.pop("_roles_cache", None)
    return assignment


@transaction.atomic
def revoke_role(user: User, role: Role, organisation: Organisation) -> None:
    RoleAssignment.objects.filter(user=user, role=role, organisation=organisation).delete()
    if role == Role.ADMINISTRATOR and not RoleAssignment.objects.filter(user=user, role=Role.ADMINISTRATOR).exists():
        user.is_staff = False
        user.is_superuser = False
        user.save(update_fields=["is_staff", "is_superuser"])
    user.__dict__.pop("_roles_cache", None)


def account_for_address(email):
    """The account an address may be given to someone by (an enrolment, an invitation): the one
    whose owner has confirmed the address, or else one made for that address that nobody has used
    yet (a lead made it; the person has not set a password or signed in). None when there is none.

    An address someone added to their own account but never confirmed belongs to no one: raises
    ValidationError (code "address_unconfirmed") if such an account holds it as its own, since a
    new account cannot take it; an enrolment never falls back to that account."""
    confirmed = EmailAddress.objects.filter(email__iexact=email, verified=True).select_related("user").first()
    if confirmed is not None:
        return confirmed.user
    holder = User.objects.filter(email__iexact=email).first()
    if holder is None:
        return None
    if holder.last_login is None and not holder.has_usable_password():
        return holder
    raise ValidationError(
        "This e-mail address has not been confirmed by the person it belongs to. Ask them to confirm "
        "it (they were sent a link), or use another address.",
        code="address_unconfirmed",
    )


def confirm_address_by_reset(user):
    """The person has just set a password through a link sent to their address: they hold it. An
    account made for them (with no other address) has its address confirmed by this."""
    if not EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).exists():
        confirm_address(user)


def confirm_address(user):
    """Record that the person holds their own address (User.email), as following the link sent to
    it does; the demo data and the test personas are made this way."""
    EmailAddress.objects.update_or_create(user=user, email=user.email, defaults={"verified": True, "primary": True})

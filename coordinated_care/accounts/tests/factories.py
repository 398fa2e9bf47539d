import time

import factory
from allauth.account.models import EmailAddress
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from coordinated_care.accounts import second_factor
from coordinated_care.accounts.models import Organisation, Role, RoleAssignment, User

# The authenticator app of every synthetic person whose role needs a second factor (never a real
# person's secret: it is published here, like the personas' password).
TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
TOTP_PERIOD = 30
_codes_given = set()


def totp_code(secret=TOTP_SECRET, *, who=""):
    """A code the authenticator app would show now, never the same one twice for `who`: allauth
    refuses a code used already, and the service accepts the codes of one step either side."""
    while True:
        counter = int(time.time()) // TOTP_PERIOD
        for step in (counter, counter + 1, counter - 1):
            if (who, step) not in _codes_given:
                _codes_given.add((who, step))
                return format_hotp_value(hotp_value(secret, step))
        time.sleep(TOTP_PERIOD - time.time() % TOTP_PERIOD + 0.1)


def forget_used_codes():
    """For a test that starts afresh: its database may give a person the id someone in an earlier
    test had, whose codes allauth remembers as used (in the cache) for a period."""
    from django.core.cache import cache

    _codes_given.clear()
    cache.clear()


def record_second_factor(client, user):
    """Note in a test client's session, as allauth does on the sign-in page, that the person gave
    their second factor (when they have one): a client signed in by force_login has given none, and
    the Django admin needs it (accounts.middleware)."""
    if not second_factor.is_set_up(user):
        return
    session = client.session
    session["account_authentication_methods"] = [
        {"method": "password", "at": time.time(), "email": user.email},
        {"method": "mfa", "at": time.time(), "type": "totp"},
    ]
    session["account_authentication_methods_user"] = str(user.pk)
    session.save()


def give_second_factor(user, secret=TOTP_SECRET):
    """An authenticator app for a synthetic person, unless they have one."""
    if not second_factor.is_set_up(user):
        TOTP.activate(user, secret)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.test")
    full_name = factory.Sequence(lambda n: f"Test Person {n}")
    password = factory.PostGenerationMethodCall("set_password", "correct-horse-battery")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):
        """The person confirmed their address (UserFactory(verified=False): they have not)."""
        if create and extracted is not False:
            EmailAddress.objects.update_or_create(
                user=obj, email=obj.email, defaults={"verified": True, "primary": True}
            )


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Test Practice {n}")
    kind = Organisation.Kind.PRACTICE
    parent = factory.LazyAttribute(
        lambda o: (
            Organisation.objects.create(
                name=f"PCN for {o.name}",
                kind=Organisation.Kind.PCN,
                parent=Organisation.objects.create(name=f"ICB for {o.name}", kind=Organisation.Kind.ICB),
            )
            if o.kind == Organisation.Kind.PRACTICE
            else None
        )
    )


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment
        skip_postgeneration_save = True

    user = factory.SubFactory(UserFactory)
    role = Role.LEARNER
    organisation = factory.SubFactory(OrganisationFactory)

    @factory.post_generation
    def with_second_factor(obj, create, extracted, **kwargs):
        """A person in a role that needs a second factor has set one up, as they must before using
        the service (RoleAssignmentFactory(with_second_factor=False): they have not yet)."""
        if create and extracted is not False and obj.role in second_factor.REQUIRED_ROLES:
            give_second_factor(obj.user)

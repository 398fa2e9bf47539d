import factory

from coordinated_care.accounts.models import Organisation, Role, RoleAssignment, User


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

    user = factory.SubFactory(UserFactory)
    role = Role.LEARNER
    organisation = factory.SubFactory(OrganisationFactory)

"""Factories for frameworks built in tests. Items are made through the service rules' writer
where that matters; these build drafts and publish them explicitly."""

import uuid

import factory

from coordinated_care.frameworks import services
from coordinated_care.frameworks.models import Framework, FrameworkItem, FrameworkVersion


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    slug = factory.Sequence(lambda n: f"test-framework-{n}")
    title = factory.Sequence(lambda n: f"Test framework {n}")
    creator = "Test Creator"
    description = "A framework made for tests."


class FrameworkVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkVersion

    framework = factory.SubFactory(FrameworkFactory)
    number = factory.Sequence(lambda n: n + 1)
    status = FrameworkVersion.Status.DRAFT


class FrameworkItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FrameworkItem

    version = factory.SubFactory(FrameworkVersionFactory)
    parent = None
    kind = FrameworkItem.Kind.DOMAIN
    code = factory.Sequence(lambda n: f"D{n}")
    title = factory.Sequence(lambda n: f"Item {n}")
    description = factory.Sequence(lambda n: f"The description of item {n}.")
    position = factory.Sequence(lambda n: n + 1)
    identifier = factory.LazyFunction(uuid.uuid4)
    lineage = factory.LazyAttribute(lambda item: item.identifier)


def build_framework(domains=1, competencies=1, components=0, themes=0, publish=True, framework=None):
    """A version with `domains` domains, each with `themes` themes and `competencies`
    competencies, each competency with `components` components."""
    version = FrameworkVersionFactory(framework=framework or FrameworkFactory(), number=1)
    for d in range(1, domains + 1):
        domain = FrameworkItemFactory(
            version=version,
            kind="domain",
            code=f"D{d}",
            title=f"Domain {d}",
            position=d,
            description=f"What domain {d} is about.",
        )
        for t in range(1, themes + 1):
            FrameworkItemFactory(
                version=version,
                parent=domain,
                kind="theme",
                code=f"D{d}.T{t}",
                title=f"Theme {d}.{t}",
                position=t,
                description=f"Theme {d}.{t} runs through the domain.",
            )
        for c in range(1, competencies + 1):
            competency = FrameworkItemFactory(
                version=version,
                parent=domain,
                kind="competency",
                code=f"D{d}.{c}",
                title=f"Competency {d}.{c}",
                position=themes + c,
                description=f"Competency {d}.{c} means doing the work well.",
            )
            for k in range(1, components + 1):
                FrameworkItemFactory(
                    version=version,
                    parent=competency,
                    kind="component",
                    code=f"D{d}.{c}.{k}",
                    title=f"Component {d}.{c}.{k}",
                    position=k,
                    description=f"Component {d}.{c}.{k} in detail.",
                )
    if publish:
        services.publish(version)
    version.refresh_from_db()
    return version

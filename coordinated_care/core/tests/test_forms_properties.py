"""Property-based tests (hypothesis) of every form's validation: each form class of the project,
found by walking its modules, is fed generated data (missing fields, junk, choices valid and not,
dates in pieces, very long and odd Unicode text) and must answer with errors on its fields, never
an exception. A form a view would render a 500 for fails here first.

A new form class is found by itself; if its constructor needs an argument no builder below knows,
`test_every_form_class_can_be_built` names it and the argument to add to ARGUMENTS."""

import importlib
import inspect
import pkgutil
import uuid
from types import SimpleNamespace

import pytest
from django import forms
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import coordinated_care
from coordinated_care.accounts.models import Organisation

# Modules that hold no form a person fills in: tests, migrations, demo data and the settings.
SKIPPED_MODULES = (".tests", ".migrations", ".nonprod", ".config", ".evaluation")


def form_classes():
    found = {}
    for module_info in pkgutil.walk_packages(coordinated_care.__path__, "coordinated_care."):
        name = module_info.name
        if any(part in name for part in SKIPPED_MODULES):
            continue
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if inspect.isclass(obj) and issubclass(obj, forms.BaseForm) and obj.__module__ == name:
                found[f"{name}.{obj.__qualname__}"] = obj
    return dict(sorted(found.items()))


FORMS = form_classes()


def _items():
    return [
        SimpleNamespace(pk=n, code=f"COM.{n}", title=f"Competency {n}", item=SimpleNamespace(title=f"Competency {n}"))
        for n in (1, 2)
    ]


def _review_fields(ctx):
    from coordinated_care.assessments.models import Review
    from coordinated_care.assessments.services.review_kinds import review_fields

    fields = []
    for kind in Review.Kind.values:
        fields.extend(review_fields(kind, ctx.enrolment.cohort.programme))
    return [list({f.name: f for f in fields}.values())]  # one value: the list of every kind's fields


# What each constructor argument is given, by its name: one value, or a list of values to try in turn.
ARGUMENTS = {
    "fields": _review_fields,
    "can_date": lambda ctx: [True, False],
    "links": lambda ctx: [[SimpleNamespace(entry=SimpleNamespace(uuid=uuid.uuid4(), title="Case study 1"))]],
    "supervisor_name": lambda ctx: "Test Supervisor",
    "allow_name": lambda ctx: [True, False],
    "allowed_names": lambda ctx: [("Test Learner",)],
    "request_pk": lambda ctx: 1,
    "entry": lambda ctx: _entry(ctx),
    "user": lambda ctx: ctx.facilitator,
    "criteria": lambda ctx: ctx.enrolment.cohort.programme.criteria.all(),
    "audience": lambda ctx: ["staff", "patient"],
    "spec": lambda ctx: list(_kinds()),
    "value_names": lambda ctx: [list(ctx.enrolment.cohort.programme.values.values_list("name", flat=True))],
    "cohort": lambda ctx: ctx.enrolment.cohort,
    "enrolments": lambda ctx: [[ctx.enrolment]],
    "marks": lambda ctx: [{}],
    "organisations": lambda ctx: Organisation.objects.all(),
    "providers": lambda ctx: Organisation.objects.filter(kind=Organisation.Kind.TRAINING_PROVIDER),
    "sources": lambda ctx: [[("blank", "A blank role")]],
    "items": lambda ctx: [_items()],
    "picks": lambda ctx: [_items()],
    "versions": lambda ctx: [
        [SimpleNamespace(pk=7, title="Care coordinator", number=1, profile=SimpleNamespace(organisation=ctx.practice))]
    ],
    "entries": lambda ctx: [_entries_for_criterion(ctx), []],
    "delegates": lambda ctx: _delegates(ctx),
    "draft": lambda ctx: _draft(ctx),
    "kinds": lambda ctx: _reminder_kinds(ctx),
}


def _entry(ctx):
    from coordinated_care.assessments.tests.helpers import evidence

    return evidence(ctx.enrolment, ctx.enrolment.learner)


def _entries_for_criterion(ctx):
    """As the criterion's page offers them: the portfolio's entries not linked to PC2 yet."""
    from coordinated_care.portfolios.presenters import linking

    _entry(ctx)  # linked to PC1 only, so offered for PC2
    criterion = ctx.enrolment.cohort.programme.criteria.get(code="PC2")
    return linking.entries_for_criterion(ctx.enrolment, criterion)


def _delegates(ctx):
    """As the delegations page offers them: a colleague facilitator in the learner's practice."""
    from coordinated_care.accounts.models import Role
    from coordinated_care.accounts.tests.factories import RoleAssignmentFactory, UserFactory
    from coordinated_care.programmes.services import delegations

    RoleAssignmentFactory(role=Role.FACILITATOR, organisation=ctx.practice, user=UserFactory(full_name="Colleague"))
    return delegations.possible_delegates(ctx.enrolment)


def _draft(ctx):
    """A draft version of the learner's programme, started by the cohort's programme lead."""
    from coordinated_care.programmes.services import versions

    return versions.new_draft(ctx.enrolment.cohort.programme, ctx.programme_lead)


def _reminder_kinds(ctx):
    """Every reminder, and those a learner's and a facilitator's roles give them."""
    from coordinated_care.reminders import choices
    from coordinated_care.reminders.models import Kind

    return [list(Kind), choices.kinds_for(ctx.enrolment.learner), choices.kinds_for(ctx.facilitator)]


def _kinds():
    from coordinated_care.portfolios.kinds import KINDS

    return KINDS.values()


def required_arguments(form_class):
    """The constructor's arguments that have no default, besides data and files."""
    names = []
    for cls in form_class.__mro__:
        init = cls.__dict__.get("__init__")
        if init is None:
            continue
        for parameter in inspect.signature(init).parameters.values():
            if parameter.name in ("self", "args", "kwargs", "data", "files") or parameter.kind in (
                parameter.VAR_POSITIONAL,
                parameter.VAR_KEYWORD,
            ):
                continue
            if parameter.default is parameter.empty and parameter.name not in [n for n, _ in names]:
                names.append((parameter.name, parameter.kind == parameter.POSITIONAL_OR_KEYWORD and cls is form_class))
        if cls is forms.BaseForm:
            break
    return names


def positional(form_class):
    """Arguments the form takes before `*args` (EntryForm(spec, data)): given positionally."""
    parameters = list(inspect.signature(form_class.__init__).parameters.values())[1:]
    before = []
    for parameter in parameters:
        if parameter.kind == parameter.VAR_POSITIONAL:
            return before
        if parameter.name == "data":
            return before
        before.append(parameter.name)
    return []


def builds(form_class, ctx):
    """Every way of making `form_class` the ARGUMENTS allow: [(args before data, keyword arguments)]."""
    names = [name for name, _ in required_arguments(form_class)]
    leading = positional(form_class)
    variants = [({}, {})]
    for name in names:
        values = ARGUMENTS[name](ctx)
        values = values if isinstance(values, list) else [values]
        variants = [
            ({**lead, name: value}, kw) if name in leading else (lead, {**kw, name: value})
            for lead, kw in variants
            for value in values
        ]
    return [([lead[name] for name in leading], kw) for lead, kw in variants]


def test_every_form_class_can_be_built():
    missing = {
        path: name for path, cls in FORMS.items() for name, _ in required_arguments(cls) if name not in ARGUMENTS
    }
    assert not missing, f"add a builder to ARGUMENTS for these forms' arguments: {missing}"
    assert len(FORMS) > 40  # the walk found the project's forms


# Generated values -------------------------------------------------------------------------------

MISSING = object()
ODD_TEXT = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)),
    max_size=60,
)


def text_for(field):
    limit = getattr(field, "max_length", None)
    values = [ODD_TEXT, st.sampled_from(["", " ", "0", "-1", "31", "2027", "on", "<script>", "\u202e", "\x00"])]
    if limit:
        values.append(st.just("a" * (limit + 1)))
    return st.one_of(*values)


def value_for(field):
    if isinstance(field, forms.MultipleChoiceField | forms.ModelMultipleChoiceField):
        choices = [str(value) for value, _ in _choices(field)]
        one = st.sampled_from(choices) if choices else ODD_TEXT
        return st.lists(st.one_of(one, ODD_TEXT), max_size=4)
    if isinstance(field, forms.ChoiceField | forms.ModelChoiceField):
        choices = [str(value) for value, _ in _choices(field)]
        return st.one_of(st.sampled_from(choices), text_for(field)) if choices else text_for(field)
    if isinstance(field, forms.BooleanField):
        return st.sampled_from(["on", "true", "false", "", "0", "1", "yes"])
    if isinstance(field, forms.IntegerField | forms.FloatField | forms.DecimalField):
        return st.one_of(st.integers(min_value=-(10**12), max_value=10**12).map(str), text_for(field))
    return text_for(field)


def _choices(field):
    try:
        return [(v, label) for v, label in field.choices if not isinstance(label, list | tuple)][:50]
    except TypeError:
        return []


def form_data(form):
    """A strategy of POST data for `form`: each field, or each part of a multi-part field, present
    or missing. Files are not generated: uploads are tested with real files where they are taken."""
    parts = {}
    for name, field in form.fields.items():
        if isinstance(field, forms.FileField):
            continue
        html_name = form.add_prefix(name)
        widget = field.widget
        if isinstance(widget, forms.MultiWidget):
            for suffix in widget.widgets_names:
                parts[html_name + suffix] = st.one_of(st.just(MISSING), text_for(field))
        else:
            parts[html_name] = st.one_of(st.just(MISSING), value_for(field))
    return st.fixed_dictionaries(parts).map(lambda d: {k: v for k, v in d.items() if v is not MISSING})


def as_querydict(data):
    from django.http import QueryDict

    query = QueryDict(mutable=True)
    for key, value in data.items():
        if isinstance(value, list):
            query.setlist(key, value)
        else:
            query[key] = value
    return query


@pytest.fixture
def ctx(enrolment, facilitator, practice, training_provider, programme_lead):
    return SimpleNamespace(
        enrolment=enrolment, facilitator=facilitator, practice=practice, programme_lead=programme_lead
    )


def answers_with_field_errors(path, form_class, args, kwargs):
    """The property, for one way of making the form: any data is answered without an exception,
    and when it is not valid, with messages on the form's own fields (or on the form as a whole)."""
    blank = form_class(*args, **kwargs)

    @settings(
        max_examples=20,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(data=form_data(blank))
    def validates(data):
        form = form_class(*args, as_querydict(data), **kwargs)
        if form.is_valid():  # raises on a bug: the property is that it never does
            return
        assert form.errors
        for field, messages in form.errors.items():
            assert field in form.fields or field == forms.forms.NON_FIELD_ERRORS, (path, field)
            assert all(isinstance(m, str) and m.strip() for m in messages), (path, field, messages)

    return validates


@pytest.mark.django_db
@pytest.mark.parametrize("path", list(FORMS))
def test_a_form_answers_any_data_with_field_errors(path, ctx):
    form_class = FORMS[path]
    for args, kwargs in builds(form_class, ctx):
        answers_with_field_errors(path, form_class, args, kwargs)()


class Fragile(forms.Form):
    """A form with the kind of bug the property is there to catch: a clean method that trusts its input."""

    count = forms.CharField(required=False)

    def clean_count(self):
        return int(self.cleaned_data["count"])  # ValueError on anything but digits


def test_the_property_catches_a_form_that_raises():
    with pytest.raises(ValueError):
        answers_with_field_errors("Fragile", Fragile, [], {})()

"""Background work of the reports app (ADR 5): arguments are ids, never model instances."""

from django_tasks import task

from .models import PortfolioExport


@task()
def make_portfolio_pdf(*, export_id):
    """Make one portfolio PDF. A failure is already kept on its record, in words for the person
    who asked, and logged with its traceback: it is not raised into the queue, which would retry
    nothing and only log it twice."""
    from .document import services

    export = PortfolioExport.objects.select_related(
        "enrolment__learner",
        "enrolment__facilitator",
        "enrolment__supervisor",
        "enrolment__practice",
        "enrolment__cohort__programme",
    ).get(pk=export_id)
    if export.finished:
        return export.status
    try:
        services.generate(export)
    except Exception:  # recorded by generate()
        return PortfolioExport.Status.FAILED
    return PortfolioExport.Status.DONE

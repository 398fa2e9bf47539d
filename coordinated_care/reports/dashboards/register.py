"""A workshop's attendance register: the cohort's learners, a page at a time, each with the mark
the lead gave and, beside it, what the learner wrote in their own workshop note (whether they
attended, and their notes: an entry of their portfolio, which the cohort's leads may read)."""

from django.core.paginator import Paginator
from django.urls import reverse

from coordinated_care.portfolios.kinds import ATTENDANCE_CHOICES
from coordinated_care.portfolios.models import Entry
from coordinated_care.programmes.services.attendance import marks_for

from .cohort import NO_FILTERS, page_number, pagination

LEARNERS_PER_PAGE = 50
SAID = dict(ATTENDANCE_CHOICES)


def register_page(workshop, params):
    """`workshop` with its cohort loaded: a page of the cohort's learners with their marks and
    notes, in four queries (count, page, marks, notes)."""
    cohort = workshop.cohort
    learners = cohort.enrolments.select_related("learner", "practice").order_by("learner__full_name", "pk")
    page = Paginator(learners, LEARNERS_PER_PAGE).get_page(page_number(params.get("page")))
    enrolments = list(page.object_list)
    marks = marks_for(workshop, [e.pk for e in enrolments]) if enrolments else {}
    notes = {
        note.enrolment_id: note
        for note in Entry.objects.filter(
            workshop=workshop, kind=Entry.Kind.WORKSHOP_NOTE, enrolment__in=[e.pk for e in enrolments]
        ).only("enrolment_id", "content", "uuid")
    }
    rows = []
    for enrolment in enrolments:
        note = notes.get(enrolment.pk)
        content = note.content if note else {}
        rows.append(
            {
                "enrolment": enrolment,
                "mark": marks.get(enrolment.pk, ""),
                "note_said": SAID.get(content.get("attended", "")),
                "note_text": (content.get("notes") or "").strip(),
            }
        )
    here = reverse("attendance_register", kwargs={"cohort_uuid": cohort.uuid, "number": workshop.number})
    return {
        "page_title": f"Attendance at WS{workshop.number}: {cohort.name}",
        "cohort": cohort,
        "workshop": workshop,
        "rows": rows,
        "enrolments": enrolments,
        "marks": marks,
        "learners": page,
        "pagination": pagination(page, NO_FILTERS) if page.has_other_pages() else None,
        "action": here + (f"?page={page.number}" if page.number > 1 else ""),
        "dashboard_href": reverse("cohort_dashboard", kwargs={"cohort_uuid": cohort.uuid}),
    }

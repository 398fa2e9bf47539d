from io import StringIO

from django.core.management import call_command

from coordinated_care.portfolios.models import Entry


def test_scan_existing_reads_the_parts_of_stored_entries(enrolment, learner):
    # Written straight to the database, as an entry saved under older, weaker rules would be.
    Entry.objects.create(
        enrolment=enrolment,
        kind=Entry.Kind.CASE_STUDY,
        title="Case study 1",
        content={"overview": "Seen at home.", "coordination": "Their NHS number is 943 476 5919.", "outcomes": "Good."},
        created_by=learner,
    )
    Entry.objects.create(
        enrolment=enrolment,
        kind=Entry.Kind.VALUES_WORKSHEET,
        title="Values worksheet",
        content={"values": {"Privacy": {"what": "Keeping details safe.", "why": "Call 07700 900123 to ask."}}},
        created_by=learner,
    )
    out = StringIO()
    call_command("scan_existing", "--blocking-only", stdout=out)
    report = out.getvalue()
    assert "content.coordination[" in report and "NHS_NUMBER" in report
    assert "content.values.Privacy.why[" in report
    assert "943 476 5919" not in report  # never the identifier itself
    assert "2 of" in report.splitlines()[-1]

"""The programme lead's forms carry the confidentiality guard like every form with free text."""

import datetime

from coordinated_care.programmes.tests.test_cohort_pages import date_fields


def test_a_workshop_location_with_a_home_address_is_refused(signed_in, programme_lead, cohort):
    path = f"/cohorts/{cohort.uuid}/workshops/3/"
    response = signed_in(programme_lead).post(
        path, {**date_fields("date", datetime.date(2030, 5, 6)), "location": "Flat 2, 14 Elm Road, B15 3TN"}
    )
    assert response.status_code == 200
    assert "nhsuk-error-summary" in response.content.decode()
    ws3 = cohort.workshops.get(number=3)
    assert ws3.location == ""


def test_an_ordinary_workshop_location_is_saved(signed_in, programme_lead, cohort):
    path = f"/cohorts/{cohort.uuid}/workshops/3/"
    response = signed_in(programme_lead).post(
        path, {**date_fields("date", datetime.date(2030, 5, 6)), "location": "Valley Hub, room 1"}
    )
    assert response.status_code == 302

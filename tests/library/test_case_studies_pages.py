"""The case study's form: its answers and results rows posted together (a row with letters, no
row at all, "1,200" typed with a comma), nothing written when anything is refused, editing on
the contribution's page, and the results table the resource page includes."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.urls import reverse

from socialrx.library.models import CaseStudy, Resource, ResultFigure
from tests.library.contributions_support import draft_case_study
from tests.library.factories import member_org

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

NEW = reverse("library:contribute_case_study")


@pytest.fixture
def member():
    return member_org("Riverside Regional Medical Center")


def rows(*figures) -> dict:
    data = {
        "figures-TOTAL_FORMS": "3",
        "figures-INITIAL_FORMS": "0",
        "figures-MIN_NUM_FORMS": "0",
        "figures-MAX_NUM_FORMS": "8",
    }
    for index, figure in enumerate(figures):
        for name, value in figure.items():
            data[f"figures-{index}-{name}"] = value
    return data


def form_data(organization, *figures, **changes) -> dict:
    if not figures:
        figures = (
            {"measure": "Page followers", "before": "1,200", "after": "5,400", "period": "1 year"},
        )
    data = {
        "title": "How Riverside grew its Facebook page",
        "summary": "A year of patient stories.",
        "organization": str(organization.public_id),
        "platforms": ["facebook"],
        "topics": ["strategy"],
        "goal": "Reach parents.",
        "approach": "Patient stories.",
        "results": "More followers.",
        "lessons": "Ask for consent early.",
        "legal_it_requirements": "",
        "access": "public",
        "save": "1",
        **rows(*figures),
    }
    data.update(changes)
    return data


def nothing_written() -> None:
    assert (Resource.objects.count(), CaseStudy.objects.count(), ResultFigure.objects.count()) == (
        0,
        0,
        0,
    )


def test_the_form_has_three_empty_result_rows(client, member):
    client.force_login(member[2])

    page = client.get(NEW).content.decode()

    assert 'name="figures-TOTAL_FORMS" value="3"' in page
    assert 'name="figures-2-after"' in page
    assert 'name="figures-3-after"' not in page


def test_a_case_study_is_saved_with_its_figures(client, member):
    organization, _admin, person = member
    client.force_login(person)

    response = client.post(NEW, form_data(organization))

    resource = Resource.objects.get()
    assert (response.status_code, resource.kind, resource.status) == (302, "case_study", "draft")
    figure = resource.case_study.figures.get()
    assert (figure.measure, str(figure.before), str(figure.after), figure.period) == (
        "Page followers",
        "1200.00",
        "5400.00",
        "1 year",
    )


def test_a_figure_with_letters_is_refused_beside_it_and_nothing_is_written(client, member):
    organization, _admin, person = member
    client.force_login(person)

    response = client.post(
        NEW, form_data(organization, {"measure": "Reach", "before": "ten", "after": "12k"})
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("Enter a number, like 1200 or 3.5") == 4  # the summary and each field
    nothing_written()


def test_a_begun_row_needs_its_measure_and_after(client, member):
    organization, _admin, person = member
    client.force_login(person)

    response = client.post(NEW, form_data(organization, {"before": "12"}))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Name what was measured (or empty the row)." in page
    assert "Give the number after." in page
    nothing_written()


def test_at_least_one_result_is_needed(client, member):
    organization, _admin, person = member
    client.force_login(person)
    data = form_data(organization)
    for name in ("measure", "before", "after", "period"):
        data.pop(f"figures-0-{name}")

    response = client.post(NEW, data)

    assert response.status_code == 400
    assert "Give at least one result in numbers." in response.content.decode()
    nothing_written()


def test_empty_answers_are_refused(client, member):
    organization, _admin, person = member
    client.force_login(person)

    response = client.post(NEW, form_data(organization, goal="", lessons="", platforms=[]))

    page = response.content.decode()
    assert response.status_code == 400
    for message in ("Say what you set out to do.", "Say what you learned.", "Choose at least one"):
        assert message in page
    nothing_written()


def test_the_case_study_is_edited_on_its_page(client, member):
    organization, _admin, person = member
    resource = draft_case_study(person, organization)
    url = reverse("library:contribution", args=[resource.public_id])
    client.force_login(person)

    page = client.get(url).content.decode()
    data = form_data(
        organization,
        {"measure": "Page followers", "before": "1200", "after": "6000"},
        title="Grown again",
    )
    data["figures-INITIAL_FORMS"] = "2"
    response = client.post(url, data)

    assert 'name="figures-0-after" value="5400"' in page
    assert 'name="figures-1-unit" value="%"' in page
    assert response.status_code == 302
    resource.refresh_from_db()
    assert resource.title == "Grown again"
    assert list(resource.case_study.figures.values_list("after", flat=True)) == [6000]


def test_the_case_study_form_needs_its_csrf_token(member):
    organization, _admin, person = member
    resource = draft_case_study(person, organization)
    client = Client(enforce_csrf_checks=True)
    client.force_login(person)

    response = client.post(
        reverse("library:contribution", args=[resource.public_id]), form_data(organization)
    )

    assert response.status_code == 403
    resource.refresh_from_db()
    assert resource.title == "How Riverside grew its Facebook page"


def test_the_results_table_gives_the_change_in_percent(member):
    organization, _admin, person = member
    resource = draft_case_study(person, organization)

    html = render_to_string("library/case_studies/_case_study.html", {"resource": resource})

    assert '<th scope="row">Page followers</th>' in html
    assert ">1,200</td>" in html
    assert ">5,400</td>" in html
    assert ">+350%</td>" in html
    assert ">92%</td>" in html  # answered within a day: no "before", so no change
    assert html.count(">—</td>") == 3  # its missing "before", "change" and period
    assert "Reported by Riverside Regional Medical Center." in html

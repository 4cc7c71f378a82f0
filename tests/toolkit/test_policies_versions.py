"""A policy's versions: the overview, a version's page (contents, numbered sections, clause
text, version, adoption, the clause templates' review dates; a fixed number of queries), the
comparison of two versions line by line, recording adoption, and the adopted policy the
executive brief cites. Another organization's policy is a 404."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from socialrx.core.calendar import center_today
from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.toolkit.models import PolicyVersion
from socialrx.toolkit.selectors.policies import adopted_policy_of
from socialrx.toolkit.services.policies import adopt_version, assemble_version
from tests.factories import SeatFactory, org_with_admin
from tests.toolkit.factories import (
    POLICY_ANSWERS,
    assembled_policy,
    make_clause,
    make_clause_per_section,
    make_policy_member,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def policy_world():
    """Lakeside with a policy in two versions: the second answers within 2 hours instead of 6."""
    organization, admin = org_with_admin(name="Lakeside Family Physicians")
    make_policy_member(organization)
    make_clause_per_section()
    make_clause(
        "response-times",
        "moderation",
        "Comments get a first answer within {{ response_hours }} hours.\n\n"
        "Messages about care move to {{ patient_portal_name }}.",
        title="Response times",
        position=20,
        reviewed_on=date(2026, 1, 5),
    )
    policy, first = assembled_policy(organization, admin)
    policy.answers = {**POLICY_ANSWERS, "response_hours": 2}
    policy.save()
    second = assemble_version(actor=admin, policy=policy, change_note="Faster answers.")
    return organization, admin, policy, first, second


def _version_url(policy, number: int) -> str:
    return reverse("toolkit:policy_version", args=[policy.public_id, number])


def test_the_version_page_shows_the_policy(client, policy_world):
    organization, admin, policy, first, second = policy_world
    client.force_login(admin)
    response = client.get(_version_url(policy, 2))
    assert response.status_code == 200
    assertContains(
        response,
        '<a href="#section-moderation">Comment moderation and response times</a>',
        html=True,
    )
    assertContains(response, "6. Comment moderation and response times")
    assertContains(
        response, '<span class="policy-clause-number">6.2</span>Response times', html=False
    )
    assertContains(response, "Comments get a first answer within 2 hours.")
    assertContains(response, "What changed:</strong> Faster answers.")
    assertContains(response, "Based on clause templates reviewed between")
    assertContains(response, "Jan 5, 2026")
    assertContains(response, "Not yet")
    assertContains(response, reverse("toolkit:policy_version_docx", args=[policy.public_id, 2]))
    assertContains(response, reverse("toolkit:policy_version_pdf", args=[policy.public_id, 2]))
    assertContains(response, "Record as adopted")
    assertContains(response, "Make the link")


def test_an_older_version_says_which_is_latest(client, policy_world):
    organization, admin, policy, first, second = policy_world
    client.force_login(admin)
    response = client.get(_version_url(policy, 1))
    assertContains(response, "This is version 1. The latest is")
    assertContains(response, "Comments get a first answer within 6 hours.")


def test_a_member_reads_the_version_without_the_builders_forms(client, policy_world):
    organization, admin, policy, first, second = policy_world
    client.force_login(SeatFactory(organization=organization).user)
    response = client.get(_version_url(policy, 2))
    assertContains(response, "Comments get a first answer within 2 hours.")
    assertNotContains(response, "Record as adopted")
    assertNotContains(response, "Make the link")


def test_the_version_page_takes_a_fixed_number_of_queries(
    client, policy_world, django_assert_num_queries
):
    organization, admin, policy, first, second = policy_world
    client.force_login(admin)
    client.get(_version_url(policy, 2))  # the session and the person are loaded once
    # session, user, policy, org roles, version, the organization's membership (may build),
    # comments, versions, share links, and the person's member organizations (the menus)
    with django_assert_num_queries(10):
        client.get(_version_url(policy, 2))


def test_another_organizations_policy_is_404(client, policy_world):
    organization, admin, policy, first, second = policy_world
    other, other_admin = org_with_admin(name="Elsewhere Clinic")
    make_policy_member(other)
    client.force_login(other_admin)
    for name, args in (
        ("toolkit:policy", [policy.public_id]),
        ("toolkit:policy_version", [policy.public_id, 1]),
        ("toolkit:policy_version_pdf", [policy.public_id, 1]),
        ("toolkit:policy_version_docx", [policy.public_id, 1]),
        ("toolkit:policy_compare", [policy.public_id]),
    ):
        assert client.get(reverse(name, args=args)).status_code == 404, name


def test_a_version_that_does_not_exist_is_404(client, policy_world):
    organization, admin, policy, first, second = policy_world
    client.force_login(admin)
    assert client.get(_version_url(policy, 3)).status_code == 404


def test_the_overview_lists_the_versions(client, policy_world):
    organization, admin, policy, first, second = policy_world
    client.force_login(admin)
    response = client.get(reverse("toolkit:policy", args=[policy.public_id]))
    assertContains(response, "10 of 10 steps answered.")
    assertContains(response, ">Version 2</a>", count=1)
    assertContains(response, ">Version 1</a>", count=1)
    assertContains(response, "Compare versions")


def test_the_comparison_shows_the_changed_lines_with_labels(client, policy_world):
    organization, admin, policy, first, second = policy_world
    client.force_login(admin)
    url = reverse("toolkit:policy_compare", args=[policy.public_id])
    response = client.get(url, {"from": "1", "to": "2"})
    assert response.status_code == 200
    assertContains(response, "From version 1 to version 2")
    assertContains(response, "1 line added, 1 line removed.")
    assertContains(
        response,
        '<del><span class="policy-diff-sign">− Removed:</span> '
        "Comments get a first answer within 6 hours.</del>",
        html=True,
    )
    assertContains(
        response,
        '<ins><span class="policy-diff-sign">+ Added:</span> '
        "Comments get a first answer within 2 hours.</ins>",
        html=True,
    )
    # Either order compares the older with the newer; no choice compares the latest two.
    assert client.get(url, {"from": "2", "to": "1"}).context["comparison"].older.number == 1
    assert client.get(url).context["comparison"].newer.number == 2


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ({"from": "1", "to": "7"}, 404, "There is no version 7 of this policy."),
        ({"from": "1", "to": "1"}, 400, "Choose two different versions."),
        ({"from": "one", "to": "2"}, 400, "Choose two versions by their numbers."),
    ],
)
def test_a_bad_comparison_says_why(client, policy_world, query, status, message):
    organization, admin, policy, first, second = policy_world
    client.force_login(admin)
    response = client.get(reverse("toolkit:policy_compare", args=[policy.public_id]), query)
    assertContains(response, message, status_code=status)


def test_recording_adoption(client, policy_world):
    organization, admin, policy, first, second = policy_world
    client.force_login(admin)
    today = center_today()
    url = reverse("toolkit:policy_adopt", args=[policy.public_id, 2])
    response = client.post(url, {"adopted_on": today.isoformat()})
    assert response["Location"] == _version_url(policy, 2)
    second.refresh_from_db()
    assert (second.adopted_on, second.adopted_by) == (today, admin)
    event = AuditEvent.objects.get(action="toolkit.policy.adopted")
    assert event.after == {"adopted_on": today.isoformat(), "number": 2}
    assertContains(client.get(_version_url(policy, 2)), "was adopted on")


def _date_field(page: str) -> str:
    """The adoption date input as drawn on the version's page."""
    start = page.index('name="adopted_on"')
    return page[page.rindex("<input", 0, start) : page.index(">", start) + 1]


def test_the_adoption_date_starts_at_today_for_a_version_not_adopted(client, policy_world):
    organization, admin, policy, first, second = policy_world
    client.force_login(admin)
    page = client.get(_version_url(policy, 2)).content.decode()
    assert f'value="{center_today():%Y-%m-%d}"' in _date_field(page)
    assert "Record as adopted" in page


def test_correcting_the_adoption_date_starts_from_the_recorded_date(client, policy_world):
    """One click on "Correct the adoption date" must not move the adoption to today."""
    organization, admin, policy, first, second = policy_world
    assembled = center_today() - timedelta(days=30)
    PolicyVersion.objects.filter(pk=second.pk).update(
        created_at=timezone.make_aware(datetime.combine(assembled, time(10)))
    )
    adopted = center_today() - timedelta(days=12)
    second.refresh_from_db()
    adopt_version(actor=admin, version=second, adopted_on=adopted)
    client.force_login(admin)

    page = client.get(_version_url(policy, 2)).content.decode()

    assert "Correct the adoption date" in page
    field = _date_field(page)
    assert f'value="{adopted:%Y-%m-%d}"' in field
    assert f'value="{center_today():%Y-%m-%d}"' not in field


@pytest.mark.parametrize(
    ("days", "message"),
    [
        (1, "The adoption date cannot be in the future."),
        (-400, "it cannot have been adopted before."),
    ],
)
def test_an_impossible_adoption_date_is_refused(client, policy_world, days, message):
    organization, admin, policy, first, second = policy_world
    client.force_login(admin)
    when = center_today() + timedelta(days=days)
    response = client.post(
        reverse("toolkit:policy_adopt", args=[policy.public_id, 2]),
        {"adopted_on": when.isoformat()},
    )
    assertContains(response, message, status_code=400)
    second.refresh_from_db()
    assert second.adopted_on is None


def test_a_member_cannot_record_adoption(client, policy_world):
    organization, admin, policy, first, second = policy_world
    client.force_login(SeatFactory(organization=organization).user)
    response = client.post(
        reverse("toolkit:policy_adopt", args=[policy.public_id, 2]),
        {"adopted_on": center_today().isoformat()},
    )
    assert response.status_code == 403
    assert not PolicyVersion.objects.filter(adopted_on__isnull=False).exists()


def test_the_adopted_policy_is_the_latest_adopted_version(policy_world):
    organization, admin, policy, first, second = policy_world
    assert adopted_policy_of(organization) is None
    today = center_today()
    adopt_version(actor=admin, version=first, adopted_on=today)
    assert adopted_policy_of(organization) == first
    adopt_version(actor=admin, version=second, adopted_on=today)
    assert adopted_policy_of(organization) == second
    other, _ = org_with_admin(name="Elsewhere Clinic")
    assert adopted_policy_of(other) is None


def test_adopting_is_refused_to_someone_else(policy_world):
    from django.core.exceptions import PermissionDenied  # noqa: PLC0415

    organization, admin, policy, first, second = policy_world
    other, other_admin = org_with_admin(name="Elsewhere Clinic")
    make_policy_member(other)
    with pytest.raises(PermissionDenied):
        adopt_version(actor=other_admin, version=second, adopted_on=center_today())
    with pytest.raises(DomainError):
        adopt_version(actor=admin, version=second, adopted_on=center_today() + timedelta(days=3))

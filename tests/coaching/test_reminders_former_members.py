"""Overdue reminders follow who may still read the engagement: an owner who left the
organization (their seat removed, or moved to another organization) and does not coach the
engagement is no longer written to; the organization's admins are reminded instead. A coach
of the engagement keeps their reminders without a seat; a coach taken off it does not. Whether
the owners still belong is read in a fixed number of queries, however many items there are."""

from datetime import date

import pytest

from socialrx.coaching.models import ActionItem
from socialrx.coaching.recipients import still_readers
from socialrx.coaching.reminders import remind_overdue
from socialrx.organizations.models import Seat
from tests.coaching.factories import make_coach, make_engagement, member_org
from tests.factories import SeatFactory, StaffFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

TODAY = date(2026, 3, 10)
LATE = date(2026, 3, 6)  # four days overdue


@pytest.fixture
def riverside():
    organization, admin, member = member_org("Riverside Medical Center")
    coach = make_coach(full_name="Dana Whitfield").user
    engagement = make_engagement(organization, [coach], title="Physician videos")
    return {
        "organization": organization,
        "admin": admin,
        "member": member,
        "coach": coach,
        "engagement": engagement,
    }


def _item(engagement, title: str, owner) -> ActionItem:
    return ActionItem.objects.create(engagement=engagement, title=title, owner=owner, due_on=LATE)


def _reminded(mailoutbox, django_capture_on_commit_callbacks) -> dict[str, str]:
    """{recipient: the email's body} of today's run."""
    with django_capture_on_commit_callbacks(execute=True):
        remind_overdue(today=TODAY)
    return {email.to[0]: email.body for email in mailoutbox}


def test_an_owner_whose_seat_was_removed_is_not_reminded_the_admins_are(
    riverside, mailoutbox, django_capture_on_commit_callbacks
):
    _item(riverside["engagement"], "Draft the policy", riverside["member"])
    Seat.objects.filter(user=riverside["member"]).delete()

    sent = _reminded(mailoutbox, django_capture_on_commit_callbacks)

    assert list(sent) == [riverside["admin"].email]
    assert (
        "- Draft the policy: due March 6, 2026, overdue by 4 days\n"
        in sent[riverside["admin"].email]
    )


def test_an_owner_now_at_another_organization_is_not_reminded_of_this_ones_items(
    riverside, mailoutbox, django_capture_on_commit_callbacks
):
    lakeside, lakeside_admin, _ = member_org("Lakeside Family Physicians")
    moved = riverside["member"]
    _item(riverside["engagement"], "Draft the policy", moved)
    Seat.objects.filter(user=moved).update(organization=lakeside)

    sent = _reminded(mailoutbox, django_capture_on_commit_callbacks)

    assert list(sent) == [riverside["admin"].email]
    assert lakeside_admin.email not in sent


def test_a_coach_of_the_engagement_is_reminded_without_a_seat_but_not_once_taken_off(
    riverside, mailoutbox, django_capture_on_commit_callbacks
):
    removed = make_coach(full_name="Jordan Blake").user
    _item(riverside["engagement"], "Send the examples", riverside["coach"])
    _item(
        riverside["engagement"], "Share the storyboard", removed
    )  # never, or no longer, its coach

    sent = _reminded(mailoutbox, django_capture_on_commit_callbacks)

    assert sorted(sent) == sorted([riverside["coach"].email, riverside["admin"].email])
    assert "- Send the examples:" in sent[riverside["coach"].email]
    assert "- Share the storyboard:" in sent[riverside["admin"].email]
    assert "- Send the examples:" not in sent[riverside["admin"].email]


def test_who_still_reads_is_two_queries_for_one_person_or_many(
    riverside, django_assert_num_queries
):
    engagement = riverside["engagement"]
    former = UserFactory()
    staff = StaffFactory()
    outsider = SeatFactory().user  # a seat, but in another organization
    inactive = SeatFactory(organization=riverside["organization"]).user
    inactive.is_active = False
    inactive.save(update_fields=["is_active"])

    with django_assert_num_queries(2):
        one = still_readers([(riverside["member"], engagement)])
    with django_assert_num_queries(2):
        many = still_readers(
            [
                (riverside["member"], engagement),
                (riverside["admin"], engagement),
                (riverside["coach"], engagement),
                (former, engagement),
                (staff, engagement),
                (outsider, engagement),
                (inactive, engagement),
                (None, engagement),
            ]
        )

    assert one == {(riverside["member"].pk, engagement.pk)}
    assert many == {
        (riverside["member"].pk, engagement.pk),
        (riverside["admin"].pk, engagement.pk),
        (riverside["coach"].pk, engagement.pk),
        (staff.pk, engagement.pk),
    }

"""Who reads the email of a shared note or new action items: the organization's admins, and
the person who booked the session while they may still read it. A booker who left the
organization is dropped (the admins remain); staff who booked for the organization stay. The
recipients are read in the same number of queries however many admins there are."""

from datetime import timedelta

import pytest
from django.utils import timezone

from socialrx.coaching.services.records import NewNote, add_note, record_session
from socialrx.organizations.models import Seat
from tests.coaching.factories import make_coach, make_engagement, make_session, member_org
from tests.factories import SeatFactory, StaffFactory, give_mfa

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

# See the comment in the last test.
QUERIES_OF_A_SHARED_NOTE = 9
SHARED = NewNote(body="We agreed on two videos a month.", visibility="shared")


@pytest.fixture
def world():
    organization, admin, member = member_org("Riverside Medical Center")
    coach = make_coach(full_name="Dana Whitfield").user
    engagement = make_engagement(organization, [coach])
    two_hours_ago = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=2)
    session = make_session(engagement, booked_by=member, starts_at=two_hours_ago)
    return {
        "organization": organization,
        "admin": admin,
        "member": member,
        "coach": coach,
        "session": session,
    }


def _recorded_with_a_shared_note(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        record_session(actor=world["coach"], session=world["session"], outcome="held", note=SHARED)


def test_the_booker_and_the_admins_read_the_note_while_the_booker_belongs(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    _recorded_with_a_shared_note(world, django_capture_on_commit_callbacks)

    [email] = mailoutbox
    assert sorted(email.to) == sorted([world["admin"].email, world["member"].email])


def test_a_booker_who_left_the_organization_is_dropped_and_the_admins_remain(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    Seat.objects.filter(user=world["member"]).delete()

    _recorded_with_a_shared_note(world, django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        add_note(
            actor=world["coach"],
            session=world["session"],
            note=NewNote(body="Follow-up.", visibility="shared"),
        )

    assert [email.to for email in mailoutbox] == [[world["admin"].email], [world["admin"].email]]


def test_staff_who_booked_for_the_organization_still_read_it(
    world, mailoutbox, django_capture_on_commit_callbacks
):
    staff = StaffFactory(email="sam@socialrx.example")
    give_mfa(staff)
    world["session"].booked_by = staff
    world["session"].save(update_fields=["booked_by"])

    _recorded_with_a_shared_note(world, django_capture_on_commit_callbacks)

    [email] = mailoutbox
    assert sorted(email.to) == sorted([world["admin"].email, "sam@socialrx.example"])


@pytest.mark.parametrize("more_admins", [0, 4])
def test_a_later_note_reads_its_recipients_in_the_same_queries_however_many_admins(
    world, django_assert_num_queries, django_capture_on_commit_callbacks, more_admins
):
    record_session(actor=world["coach"], session=world["session"], outcome="held")
    for _ in range(more_admins):
        SeatFactory(organization=world["organization"], role="admin")
    session = world["session"]

    # The engagement's coaches (may the coach record?); a savepoint; the session locked; the
    # note and its audit row; the admins; whether the booker still holds a seat, or coaches;
    # the savepoint released (the email is queued once the transaction commits).
    with (
        django_capture_on_commit_callbacks(execute=False),
        django_assert_num_queries(QUERIES_OF_A_SHARED_NOTE),
    ):
        add_note(actor=world["coach"], session=session, note=SHARED)

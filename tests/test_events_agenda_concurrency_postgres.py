"""The agenda's "never in two places at once" rule under real concurrency on PostgreSQL: two
staff adding overlapping sessions for the same speaker (or the same room) at the same moment,
in different transactions, get exactly one session; the other is refused as double booked."""

import pytest
from django.db import close_old_connections

from socialrx.core.errors import Conflict
from socialrx.events.models import Session, SessionSpeaker
from socialrx.events.services.agenda import create_session
from tests.concurrency import require_postgres, run_at_once
from tests.events.agenda_support import at, june_conference
from tests.events.factories import make_room, make_speaker
from tests.factories import StaffFactory

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(autouse=True)
def _needs_postgres(transactional_db):
    require_postgres()


def _data(title, starts, ends, *, room=None, speakers=()):
    return {
        "title": title,
        "kind": "talk",
        "room": room,
        "starts_at": starts,
        "ends_at": ends,
        "speakers": list(speakers),
    }


def _outcomes(results):
    made = [r for r in results if isinstance(r, Session)]
    refused = [r for r in results if isinstance(r, Conflict)]
    assert [r for r in results if not isinstance(r, Session | Conflict)] == []
    return made, refused


def test_two_staff_booking_one_speaker_at_once_make_exactly_one_session():
    event = june_conference()
    speaker = make_speaker(full_name="Dr. Ada Lovelace")
    rooms = [make_room(event, "Room A"), make_room(event, "Room B")]
    staff = [StaffFactory(), StaffFactory()]
    plans = [
        _data("Keynote", at(10, 10), at(10, 11), room=rooms[0], speakers=[speaker]),
        _data("Panel", at(10, 10, 30), at(10, 11, 30), room=rooms[1], speakers=[speaker]),
    ]

    def work(index):
        close_old_connections()
        return create_session(actor=staff[index], event=event, data=plans[index])

    made, refused = _outcomes(run_at_once(2, work))

    assert (len(made), len(refused)) == (1, 1)
    assert (refused[0].code, refused[0].field) == ("double_booked", "speakers")
    winner = made[0].title
    assert refused[0].message.startswith("Dr. Ada Lovelace is already speaking at ")
    assert refused[0].message.endswith(f": {winner}.")
    assert list(Session.objects.values_list("title", flat=True)) == [winner]
    assert SessionSpeaker.objects.filter(speaker=speaker).count() == 1


def test_two_staff_booking_one_room_at_once_make_exactly_one_session():
    event = june_conference()
    room = make_room(event, "Room A")
    staff = [StaffFactory(), StaffFactory()]
    plans = [
        _data("Workshop one", at(10, 13), at(10, 14), room=room),
        _data("Workshop two", at(10, 13, 45), at(10, 15), room=room),
    ]

    def work(index):
        close_old_connections()
        return create_session(actor=staff[index], event=event, data=plans[index])

    made, refused = _outcomes(run_at_once(2, work))

    assert (len(made), len(refused)) == (1, 1)
    assert (refused[0].code, refused[0].field) == ("double_booked", "room")
    assert refused[0].message.startswith("Room A is taken ")
    assert Session.objects.count() == 1


ROUNDS = 8


def test_round_after_round_of_clashing_saves_ends_in_one_session_and_one_refusal():
    """PostgreSQL's exclusion check made two inserts of clashing rows wait for each other, and
    one died of a deadlock (a server error) instead of being refused as double booked: rounds
    of clashing speakers, then of clashing rooms, must each end in one session and a refusal."""
    event = june_conference()
    speaker = make_speaker(full_name="Dr. Ada Lovelace")
    rooms = [make_room(event, "Room A"), make_room(event, "Room B")]
    staff = [StaffFactory(), StaffFactory()]
    outcomes = []
    for number in range(ROUNDS):
        day, hour = 10 + number // 4, 9 + 2 * (number % 4)
        if number % 2:  # one room, no speaker
            plans = [
                _data(f"Round {number} one", at(day, hour), at(day, hour + 1), room=rooms[0]),
                _data(
                    f"Round {number} two", at(day, hour, 30), at(day, hour + 1, 30), room=rooms[0]
                ),
            ]
        else:  # one speaker, two rooms
            plans = [
                _data(
                    f"Round {number} one",
                    at(day, hour),
                    at(day, hour + 1),
                    room=rooms[0],
                    speakers=[speaker],
                ),
                _data(
                    f"Round {number} two",
                    at(day, hour, 30),
                    at(day, hour + 1, 30),
                    room=rooms[1],
                    speakers=[speaker],
                ),
            ]

        def work(index, plans=plans):
            close_old_connections()
            return create_session(actor=staff[index], event=event, data=plans[index])

        results = run_at_once(2, work)
        outcomes.append(
            sorted(
                "made" if isinstance(r, Session) else r.code if isinstance(r, Conflict) else repr(r)
                for r in results
            )
        )

    assert outcomes == [["double_booked", "made"]] * ROUNDS
    assert Session.objects.count() == ROUNDS

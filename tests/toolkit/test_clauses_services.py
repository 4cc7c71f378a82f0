"""The clause templates' services: a clause is published as version 1, a change of wording
publishes the next version (a change of order or review dates does not), marking it reviewed
moves its dates; a refused clause writes nothing; every write is audited; staff only."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied

from socialrx.core.calendar import center_today
from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.toolkit.models import ClauseTemplate, ClauseTemplateVersion
from socialrx.toolkit.services.clauses import (
    ClauseData,
    create_clause,
    mark_reviewed,
    update_clause,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def data(**changes) -> ClauseData:
    today = center_today()
    values = {
        "slug": "response-times",
        "section": "moderation",
        "title": "Response times",
        "body": "Comments get a first answer within {{ response_hours }} hours.",
        "condition": "always",
        "position": 10,
        "reviewed_on": today - timedelta(days=10),
        "review_due": today + timedelta(days=355),
        "change_note": "",
    }
    values.update(changes)
    return ClauseData(**values)


def test_a_new_clause_is_published_as_version_1_and_audited(staff):
    clause = create_clause(actor=staff, data=data())
    assert clause.version == 1
    version = ClauseTemplateVersion.objects.get(template=clause)
    assert (version.number, version.title, version.change_note) == (
        1,
        "Response times",
        "First version.",
    )
    assert version.body == "Comments get a first answer within {{ response_hours }} hours."
    event = AuditEvent.objects.get(action="toolkit.clause.created")
    assert event.actor == staff
    assert event.after["slug"] == "response-times"


def test_a_change_of_wording_publishes_the_next_version(staff):
    clause = create_clause(actor=staff, data=data())
    new_body = "Comments get a first answer within {{ response_hours }} working hours."
    clause = update_clause(
        actor=staff, template=clause, data=data(body=new_body, change_note="Working hours.")
    )
    assert clause.version == 2
    versions = list(clause.versions.order_by("number").values_list("number", "body", "change_note"))
    assert versions == [
        (1, "Comments get a first answer within {{ response_hours }} hours.", "First version."),
        (2, new_body, "Working hours."),
    ]
    event = AuditEvent.objects.get(action="toolkit.clause.published")
    assert event.before == {
        "body": "Comments get a first answer within {{ response_hours }} hours.",
        "version": 1,
    }
    assert event.after == {"body": new_body, "version": 2}


def test_a_change_of_order_or_dates_publishes_nothing(staff):
    clause = create_clause(actor=staff, data=data())
    due = center_today() + timedelta(days=100)
    clause = update_clause(actor=staff, template=clause, data=data(position=30, review_due=due))
    assert clause.version == 1
    assert clause.versions.count() == 1
    event = AuditEvent.objects.get(action="toolkit.clause.updated")
    assert event.after == {"position": 30, "review_due": due.isoformat()}


def test_saving_without_any_change_is_not_audited(staff):
    clause = create_clause(actor=staff, data=data())
    update_clause(actor=staff, template=clause, data=data())
    assert (
        not AuditEvent.objects.filter(action__startswith="toolkit.clause.")
        .exclude(action="toolkit.clause.created")
        .exists()
    )


def test_an_unknown_placeholder_is_refused_and_nothing_is_written(staff):
    with pytest.raises(DomainError) as refused:
        create_clause(actor=staff, data=data(body="Approved by {{ approver }}."))
    assert refused.value.field == "body"
    assert refused.value.message.startswith("Unknown placeholder {{ approver }}.")
    assert not ClauseTemplate.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_refused_change_keeps_the_clause_as_it_was(staff):
    clause = create_clause(actor=staff, data=data())
    with pytest.raises(DomainError):
        update_clause(actor=staff, template=clause, data=data(body="<script>x</script>"))
    clause.refresh_from_db()
    assert clause.version == 1
    assert clause.body == "Comments get a first answer within {{ response_hours }} hours."
    assert clause.versions.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"section": "astrology"}, "section", "Choose one of the policy's sections."),
        ({"condition": "full_moon"}, "condition", "Choose when the clause is included."),
        ({"title": "  "}, "title", "Give the clause a title."),
        (
            {"review_due": center_today() - timedelta(days=20)},
            "review_due",
            "The next review must come after the last one.",
        ),
        (
            {"reviewed_on": center_today() + timedelta(days=1), "review_due": date(2099, 1, 1)},
            "reviewed_on",
            "The last review cannot be in the future.",
        ),
    ],
)
def test_bad_values_are_refused_beside_their_field(staff, changes, field, message):
    with pytest.raises(DomainError) as refused:
        create_clause(actor=staff, data=data(**changes))
    assert (refused.value.field, refused.value.message) == (field, message)


def test_two_clauses_cannot_share_a_key(staff):
    create_clause(actor=staff, data=data())
    with pytest.raises(DomainError) as refused:
        create_clause(actor=staff, data=data(title="Another"))
    assert refused.value.message == "Another clause already has this short name."


def test_marking_reviewed_moves_the_dates_a_year_on(staff):
    clause = create_clause(actor=staff, data=data())
    reviewed = mark_reviewed(actor=staff, template=clause, today=date(2026, 3, 2))
    assert (reviewed.reviewed_on, reviewed.review_due) == (date(2026, 3, 2), date(2027, 3, 2))
    assert reviewed.version == 1
    event = AuditEvent.objects.get(action="toolkit.clause.reviewed")
    assert event.after == {"reviewed_on": "2026-03-02", "review_due": "2027-03-02"}


def test_only_center_staff_keep_clauses(staff):
    clause = create_clause(actor=staff, data=data())
    someone = UserFactory()
    with pytest.raises(PermissionDenied):
        create_clause(actor=someone, data=data(slug="other"))
    with pytest.raises(PermissionDenied):
        update_clause(actor=someone, template=clause, data=data(body="Changed."))
    with pytest.raises(PermissionDenied):
        mark_reviewed(actor=someone, template=clause)
    assert ClauseTemplate.objects.count() == 1

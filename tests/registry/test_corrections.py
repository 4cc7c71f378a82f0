"""Corrections: anyone suggests a fix to a registry entity (a detail, a missing account, an
account to remove, something else); anonymous suggestions are limited per address; center
staff accept (the change is made through the same services, with history) or decline."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.registry.models import Account, Correction, CorrectionKind, CorrectionStatus
from socialrx.registry.services.corrections import (
    ANONYMOUS_LIMIT_PER_HOUR,
    TooManySuggestions,
    accept_correction,
    decline_correction,
    suggest_correction,
)
from tests.factories import UserFactory
from tests.registry.factories import AccountFactory, CorrectionFactory, EntityFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

VISITOR = AnonymousUser()
TOO_LONG = "This address is too long to be an account's address."


@pytest.fixture
def hospital():
    return EntityFactory(name="MAYO CLINIC HOSPITAL", phone="(507) 555-0000")


@pytest.fixture
def listed(hospital):
    return AccountFactory(entity=hospital, platform="x", address="@MayoClinic")


def suggest(actor=VISITOR, *, entity, kind, ip_address="203.0.113.5", **kwargs) -> Correction:
    return suggest_correction(
        actor=actor, entity=entity, kind=kind, ip_address=ip_address, **kwargs
    )


def refusal(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call(**kwargs)
    return refused.value


def history(entity) -> list[tuple[str, dict, dict]]:
    events = AuditEvent.objects.filter(target_type="registry.entity", target_id=str(entity.pk))
    return [(e.action, e.before, e.after) for e in events.order_by("id")]


def correction_url(entity) -> str:
    return reverse("registry:correction", args=[entity.kind_slug, entity.key])


def messages_of(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request)]


# --- suggesting -----------------------------------------------------------------------------


def test_a_visitor_suggests_a_detail_and_nothing_changes_yet(hospital):
    made = suggest(
        entity=hospital,
        kind="details",
        field="phone",
        proposed_value=" (507) 555-1234 ",
        explanation=" The switchboard. ",
        contact_email=" Reader@Example.ORG ",
    )

    assert (made.kind, made.field, made.proposed_value, made.explanation) == (
        "details",
        "phone",
        "(507) 555-1234",
        "The switchboard.",
    )
    assert (made.status, made.submitted_by, made.contact_email) == (
        CorrectionStatus.PENDING,
        None,
        "reader@example.org",
    )
    hospital.refresh_from_db()
    assert hospital.phone == "(507) 555-0000"
    assert AuditEvent.objects.count() == 0


def test_a_signed_in_persons_suggestion_carries_their_name_and_address(hospital, user):
    made = suggest(user, entity=hospital, kind="other", explanation="The hospital closed.")

    assert (made.submitted_by, made.contact_email) == (user, user.email)


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        ("website", "mayoclinic.org", "https://mayoclinic.org"),
        ("postal_code", "5902", "05902"),
        ("name", "Mayo Clinic Hospital, Saint Marys Campus", None),
        ("city", "Rochester", None),
        ("street_address", "1216 2nd St SW", None),
        ("phone", "", None),
    ],
)
def test_a_proposed_detail_is_checked_and_written_as_the_field_needs(
    hospital, field, value, stored
):
    made = suggest(entity=hospital, kind="details", field=field, proposed_value=value)

    assert made.proposed_value == (value if stored is None else stored)


@pytest.mark.parametrize(
    ("field", "value", "error_field", "message"),
    [
        ("", "x", "field", "Choose which detail is wrong."),
        ("ccn", "123456", "field", "Choose which detail is wrong."),
        ("name", "  ", "proposed_value", "Enter the correct name."),
        ("website", "not a site", "proposed_value", "“not a site” is not a valid website."),
        ("postal_code", "ABCDE", "proposed_value", "“ABCDE” is not a valid zip code."),
        ("phone", "5" * 41, "proposed_value", "Keep it under 40 characters."),
        ("name", "N" * 301, "proposed_value", "Keep it under 300 characters."),
    ],
)
def test_a_bad_detail_is_refused_beside_its_field(hospital, field, value, error_field, message):
    error = refusal(suggest, entity=hospital, kind="details", field=field, proposed_value=value)

    assert (error.field, error.message) == (error_field, message)
    assert Correction.objects.count() == 0


def test_a_missing_account_is_suggested_as_its_normal_address(hospital):
    made = suggest(entity=hospital, kind="add_account", proposed_value="twitter.com/MayoClinic")

    assert (made.platform, made.proposed_value, made.summary) == (
        "x",
        "https://x.com/MayoClinic",
        "Add X (Twitter) https://x.com/MayoClinic",
    )


@pytest.mark.parametrize(
    ("address", "platform", "message"),
    [
        ("", "", None),
        ("@MayoClinic", "", None),
        ("https://x.com/search", "", None),
        ("twitter.com/MayoClinic", "youtube", None),
        ("example.org/" + "a" * 486, "blog", TOO_LONG),
        ("x.com/mayoclinic", "", "That account is already listed in the registry."),
    ],
)
def test_a_bad_or_listed_account_address_is_refused_beside_the_address(
    hospital, listed, address, platform, message
):
    error = refusal(
        suggest, entity=hospital, kind="add_account", proposed_value=address, platform=platform
    )

    assert error.field == "proposed_value"
    if message is not None:
        assert error.message == message
    assert Correction.objects.count() == 0


def test_an_account_removed_earlier_may_be_suggested_again(hospital, listed):
    listed.removed_on = date(2024, 12, 31)
    listed.save()

    made = suggest(entity=hospital, kind="add_account", proposed_value="@MayoClinic", platform="x")

    assert made.proposed_value == "https://x.com/MayoClinic"


def test_an_account_to_remove_is_suggested_by_choosing_it(hospital, listed):
    made = suggest(entity=hospital, kind="remove_account", account=listed, explanation="Closed.")

    assert (made.account, made.summary) == (listed, "Remove X (Twitter) @MayoClinic")


@pytest.mark.parametrize("which", ["none", "other-entity", "removed"])
def test_only_a_listed_account_of_the_entity_may_be_suggested_for_removal(hospital, listed, which):
    account = {
        "none": None,
        "other-entity": AccountFactory(),
        "removed": AccountFactory(entity=hospital, removed_on=date(2024, 12, 31)),
    }[which]

    error = refusal(suggest, entity=hospital, kind="remove_account", account=account)

    assert (error.field, error.message) == ("account", "Choose one of the listed accounts.")
    assert Correction.objects.count() == 0


def test_something_else_needs_an_explanation(hospital):
    error = refusal(suggest, entity=hospital, kind="other", explanation="   ")

    assert (error.field, error.message) == ("explanation", "Describe what is wrong.")


def test_an_unknown_kind_is_refused(hospital):
    error = refusal(suggest, entity=hospital, kind="delete_everything")

    assert (error.field, error.message) == ("kind", "Choose what is wrong.")


def test_fields_of_other_kinds_are_not_kept(hospital, listed):
    made = suggest(
        entity=hospital,
        kind="other",
        field="phone",
        platform="x",
        account=listed,
        explanation="Wrong state.",
    )

    assert (made.field, made.platform, made.account) == ("", "", None)


# --- the anonymous limit --------------------------------------------------------------------


def test_the_eleventh_anonymous_suggestion_from_one_address_within_the_hour_is_refused(hospital):
    for _ in range(ANONYMOUS_LIMIT_PER_HOUR):
        suggest(entity=hospital, kind="other", explanation="x", ip_address="203.0.113.5")

    with pytest.raises(TooManySuggestions) as refused:
        suggest(entity=hospital, kind="other", explanation="x", ip_address="203.0.113.5")

    assert refused.value.status_code == 429
    assert Correction.objects.count() == ANONYMOUS_LIMIT_PER_HOUR
    suggest(entity=hospital, kind="other", explanation="x", ip_address="198.51.100.7")
    assert Correction.objects.count() == ANONYMOUS_LIMIT_PER_HOUR + 1


def test_refused_suggestions_do_not_count_toward_the_limit(hospital):
    for _ in range(ANONYMOUS_LIMIT_PER_HOUR + 5):
        refusal(suggest, entity=hospital, kind="other", explanation="")

    suggest(entity=hospital, kind="other", explanation="Real.")

    assert Correction.objects.count() == 1


def test_a_signed_in_account_is_limited_to_twenty_suggestions_an_hour(hospital, user):
    for number in range(20):
        suggest(user, entity=hospital, kind="other", explanation=f"x{number}", ip_address="a")

    with pytest.raises(TooManySuggestions) as refused:
        suggest(user, entity=hospital, kind="other", explanation="x", ip_address="b")

    assert refused.value.status_code == 429
    assert "20 suggestions in the last hour" in refused.value.message
    assert Correction.objects.count() == 20
    colleague = UserFactory()
    suggest(colleague, entity=hospital, kind="other", explanation="x", ip_address="a")
    assert Correction.objects.count() == 21


def test_signed_in_accounts_on_one_address_share_a_limit_of_sixty_an_hour(hospital):
    for _ in range(6):
        person = UserFactory()
        for _ in range(10):
            suggest(person, entity=hospital, kind="other", explanation="x", ip_address="10.9.9.9")

    with pytest.raises(TooManySuggestions):
        suggest(
            UserFactory(), entity=hospital, kind="other", explanation="x", ip_address="10.9.9.9"
        )

    assert Correction.objects.count() == 60


# --- staff decisions ------------------------------------------------------------------------


def test_accepting_a_detail_changes_it_with_history(hospital, staff):
    pending = suggest(entity=hospital, kind="details", field="phone", proposed_value="507-555-1")

    accepted = accept_correction(actor=staff, correction=pending, note="Called them.")

    hospital.refresh_from_db()
    assert hospital.phone == "507-555-1"
    assert (accepted.status, accepted.reviewed_by, accepted.review_note) == (
        CorrectionStatus.ACCEPTED,
        staff,
        "Called them.",
    )
    assert accepted.reviewed_at is not None
    assert history(hospital) == [
        (
            "registry.entity.updated",
            {"phone": "(507) 555-0000"},
            {"phone": "507-555-1", "via": f"correction:{pending.public_id}"},
        )
    ]
    event = AuditEvent.objects.get(action="registry.correction.accepted")
    assert (event.actor, event.target_id, event.after) == (
        staff,
        str(pending.pk),
        {"status": "accepted", "proposed": "Phone: 507-555-1", "note": "Called them."},
    )


def test_accepting_a_website_stores_the_address_as_it_was_checked(hospital, staff):
    pending = suggest(entity=hospital, kind="details", field="website", proposed_value="mayo.org")

    accept_correction(actor=staff, correction=pending)

    hospital.refresh_from_db()
    assert hospital.website == "https://mayo.org"


def test_accepting_a_missing_account_lists_it_with_history(hospital, staff):
    pending = suggest(entity=hospital, kind="add_account", proposed_value="facebook.com/MayoClinic")

    accept_correction(actor=staff, correction=pending)

    account = Account.objects.get()
    assert (account.entity, account.platform, account.key, account.is_listed) == (
        hospital,
        "facebook",
        "mayoclinic",
        True,
    )
    [(action, _, after)] = history(hospital)
    assert (action, after["account"], after["via"]) == (
        "registry.account.added",
        "Facebook MayoClinic",
        f"correction:{pending.public_id}",
    )


def test_accepting_a_removal_removes_the_account_without_publishing_the_readers_words(
    client, hospital, listed, staff
):
    pending = suggest(
        entity=hospital,
        kind="remove_account",
        account=listed,
        explanation="I'm Jane Roe (jane.roe@gmail.com, 555-0100): the page closed.",
    )

    accept_correction(actor=staff, correction=pending)

    listed.refresh_from_db()
    assert listed.removed_on == timezone.localdate()
    [(action, _, after)] = history(hospital)
    assert (action, after["reason"], after["via"]) == (
        "registry.account.removed",
        "A reader's correction, checked by center staff.",
        f"correction:{pending.public_id}",
    )
    page = client.get(hospital.get_absolute_url()).content.decode()
    assert ("jane.roe" in page, "checked by center staff" in page) == (False, False)


def test_accepting_something_else_changes_nothing_but_the_suggestion(hospital, staff):
    pending = suggest(entity=hospital, kind="other", explanation="Wrong photo.")

    accept_correction(actor=staff, correction=pending, note="Fixed by hand.")

    assert history(hospital) == []
    pending.refresh_from_db()
    assert pending.status == CorrectionStatus.ACCEPTED


def test_a_missing_account_listed_meanwhile_cannot_be_accepted_and_stays_pending(hospital, staff):
    pending = suggest(
        entity=hospital, kind="add_account", proposed_value="@MayoClinic", platform="x"
    )
    AccountFactory(entity=EntityFactory(name="OTHER HOSPITAL"), address="@mayoclinic")

    error = refusal(accept_correction, actor=staff, correction=pending)

    assert error.message == "X (Twitter) @mayoclinic is already listed for Other Hospital."
    pending.refresh_from_db()
    assert pending.status == CorrectionStatus.PENDING
    assert AuditEvent.objects.count() == 0


def test_a_removal_of_an_account_removed_meanwhile_cannot_be_accepted(hospital, listed, staff):
    pending = suggest(entity=hospital, kind="remove_account", account=listed)
    listed.removed_on = timezone.localdate()
    listed.save()

    error = refusal(accept_correction, actor=staff, correction=pending)

    assert error.message == "X (Twitter) @MayoClinic was already removed."
    pending.refresh_from_db()
    assert pending.status == CorrectionStatus.PENDING


def test_a_removal_of_an_account_deleted_meanwhile_cannot_be_accepted(hospital, listed, staff):
    pending = suggest(entity=hospital, kind="remove_account", account=listed)
    listed.delete()

    error = refusal(accept_correction, actor=staff, correction=pending)

    assert error.message == "That account is no longer in the registry: decline the suggestion."
    pending.refresh_from_db()
    assert pending.status == CorrectionStatus.PENDING


@pytest.mark.parametrize("note", ["", "   ", None])
def test_declining_needs_a_note(hospital, staff, note):
    pending = CorrectionFactory(entity=hospital)

    error = refusal(decline_correction, actor=staff, correction=pending, note=note)

    assert (error.field, error.message) == ("note", "Say why the suggestion is declined.")
    pending.refresh_from_db()
    assert pending.status == CorrectionStatus.PENDING


def test_declining_changes_nothing_but_the_suggestion(hospital, staff):
    pending = CorrectionFactory(entity=hospital)

    declined = decline_correction(actor=staff, correction=pending, note="  Number is right. ")

    assert (declined.status, declined.review_note, declined.reviewed_by) == (
        CorrectionStatus.REJECTED,
        "Number is right.",
        staff,
    )
    hospital.refresh_from_db()
    assert hospital.phone == "(507) 555-0000"
    assert list(AuditEvent.objects.values_list("action", flat=True)) == [
        "registry.correction.rejected"
    ]


@pytest.mark.parametrize("first", [accept_correction, decline_correction])
@pytest.mark.parametrize("second", [accept_correction, decline_correction])
def test_a_suggestion_is_decided_once(hospital, staff, first, second):
    pending = CorrectionFactory(entity=hospital)
    first(actor=staff, correction=pending, note="Done.")
    events = AuditEvent.objects.count()

    error = refusal(second, actor=staff, correction=pending, note="Again.")

    status = "accepted" if first is accept_correction else "declined"
    assert error.message == f"This suggestion was already {status}."
    assert AuditEvent.objects.count() == events


@pytest.mark.parametrize("decide", [accept_correction, decline_correction])
def test_only_staff_decide_suggestions(hospital, org_a, decide):
    pending = CorrectionFactory(entity=hospital)

    with pytest.raises(PermissionDenied):
        decide(actor=org_a[1], correction=pending, note="Mine.")
    pending.refresh_from_db()
    assert pending.status == CorrectionStatus.PENDING


# --- the suggestion page --------------------------------------------------------------------


def test_a_visitor_sees_the_form_with_an_email_field(client, hospital, listed):
    response = client.get(correction_url(hospital))

    assert response.status_code == 200
    form = response.context["form"]
    assert "contact_email" in form.fields
    assert list(form.fields["account"].choices) == [
        ("", "Choose"),
        (str(listed.public_id), "X (Twitter) @MayoClinic"),
    ]


def test_a_signed_in_person_is_not_asked_for_an_email(client, hospital, user):
    client.force_login(user)

    response = client.get(correction_url(hospital))

    assert "contact_email" not in response.context["form"].fields


@pytest.mark.parametrize(
    "data",
    [
        {"kind": "details", "field": "phone", "proposed_value": "507-555-9"},
        {"kind": "add_account", "platform": "x", "proposed_value": "@MayoClinicNew"},
        {"kind": "remove_account", "account": "LISTED"},
        {"kind": "other", "explanation": "The hospital closed in 2024."},
    ],
    ids=["details", "add_account", "remove_account", "other"],
)
@pytest.mark.parametrize("signed_in", [False, True], ids=["visitor", "signed-in"])
def test_each_kind_of_suggestion_is_sent_from_the_page(
    client, hospital, listed, user, data, signed_in
):
    if signed_in:
        client.force_login(user)
    data = {key: str(listed.public_id) if v == "LISTED" else v for key, v in data.items()}

    response = client.post(correction_url(hospital), {**data, "contact_email": "r@example.org"})

    assert response.status_code == 302
    assert response["Location"] == hospital.get_absolute_url()
    assert messages_of(response) == ["Thank you: center staff will review your suggestion."]
    made = Correction.objects.get()
    assert (made.kind, made.submitted_by, made.contact_email) == (
        data["kind"],
        user if signed_in else None,
        user.email if signed_in else "r@example.org",
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "kind"),
        ({"kind": "everything"}, "kind"),
        ({"kind": "details", "proposed_value": "x"}, "field"),
        ({"kind": "details", "field": "fax", "proposed_value": "x"}, "field"),
        ({"kind": "details", "field": "name", "proposed_value": ""}, "proposed_value"),
        ({"kind": "details", "field": "website", "proposed_value": "a b"}, "proposed_value"),
        ({"kind": "details", "field": "postal_code", "proposed_value": "1"}, "proposed_value"),
        ({"kind": "details", "field": "phone", "proposed_value": "5" * 501}, "proposed_value"),
        ({"kind": "add_account", "proposed_value": "@MayoClinic2"}, "proposed_value"),
        ({"kind": "add_account", "platform": "x", "proposed_value": ""}, "proposed_value"),
        ({"kind": "add_account", "platform": "mys", "proposed_value": "@a"}, "platform"),
        ({"kind": "add_account", "proposed_value": "https://x.com/MayoClinic"}, "proposed_value"),
        ({"kind": "remove_account"}, "account"),
        ({"kind": "remove_account", "account": "not-a-choice"}, "account"),
        ({"kind": "other", "explanation": " "}, "explanation"),
        ({"kind": "other", "explanation": "x" * 2001}, "explanation"),
        ({"kind": "other", "explanation": "x", "contact_email": "not-an-email"}, "contact_email"),
    ],
)
def test_bad_input_is_shown_beside_its_field_and_nothing_is_saved(
    client, hospital, listed, data, field
):
    response = client.post(correction_url(hospital), data)

    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    assert f'id="id_{field}_error"'.encode() in response.content
    assert Correction.objects.count() == 0


def test_a_filled_honeypot_is_refused(client, hospital):
    response = client.post(
        correction_url(hospital),
        {"kind": "other", "explanation": "Buy pills", "website_url": "http://spam.example"},
    )

    assert response.status_code == 400
    assert response.context["form"].non_field_errors() == ["This suggestion could not be accepted."]
    assert Correction.objects.count() == 0


def test_the_eleventh_anonymous_suggestion_from_the_page_gets_a_429_with_a_message(
    client, hospital
):
    data = {"kind": "other", "explanation": "The hospital closed."}
    statuses = [
        client.post(correction_url(hospital), data, REMOTE_ADDR="203.0.113.9").status_code
        for _ in range(ANONYMOUS_LIMIT_PER_HOUR)
    ]

    response = client.post(correction_url(hospital), data, REMOTE_ADDR="203.0.113.9")

    assert statuses == [302] * ANONYMOUS_LIMIT_PER_HOUR
    assert response.status_code == 429
    message = (
        "Too many suggestions from this connection in the last hour (at most 10). Sign in, or "
        "try again later."
    )
    assert response.context["form"].non_field_errors() == [message]
    assert message.encode() in response.content
    assert Correction.objects.count() == ANONYMOUS_LIMIT_PER_HOUR
    other = client.post(correction_url(hospital), data, REMOTE_ADDR="198.51.100.1")
    assert other.status_code == 302


def test_a_signed_in_account_past_its_limit_gets_a_429_with_a_message_on_the_page(
    client, hospital, user
):
    client.force_login(user)
    data = {"kind": "other", "explanation": "The hospital closed."}

    statuses = {
        client.post(correction_url(hospital), data, REMOTE_ADDR="203.0.113.9").status_code
        for _ in range(20)  # twice the anonymous limit: signed-in people get more
    }
    response = client.post(correction_url(hospital), data, REMOTE_ADDR="198.51.100.4")

    assert statuses == {302}
    assert response.status_code == 429
    message = (
        "You have sent 20 suggestions in the last hour, the most one account may. Staff review "
        "them in order; please try again in an hour."
    )
    assert response.context["form"].non_field_errors() == [message]
    assert Correction.objects.count() == 20


def test_the_suggestion_page_of_an_unknown_listing_is_not_found(client):
    assert client.get("/registry/hospitals/999999/correction/").status_code == 404
    assert client.post("/registry/nowhere/1/correction/", {"kind": "other"}).status_code == 404


# --- the staff's corrections queue ----------------------------------------------------------


def queue_url(status: str = "") -> str:
    url = reverse("registry:staff_corrections")
    return f"{url}?status={status}" if status else url


def accept_url(correction) -> str:
    return reverse("registry:staff_correction_accept", args=[correction.public_id])


def decline_url(correction) -> str:
    return reverse("registry:staff_correction_decline", args=[correction.public_id])


@pytest.fixture
def queue(hospital, staff):
    """Two suggestions waiting and one declined."""
    first = CorrectionFactory(entity=hospital, proposed_value="507-555-1")
    second = CorrectionFactory(entity=hospital, kind=CorrectionKind.OTHER, explanation="Closed.")
    declined = CorrectionFactory(entity=hospital)
    decline_correction(actor=staff, correction=declined, note="It is right.")
    return first, second, declined


def test_staff_see_the_suggestions_waiting_with_their_actions(client, staff, queue):
    first, second, declined = queue
    client.force_login(staff)

    response = client.get(queue_url())

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [first, second]
    assert response.context["counts"] == {"claims": 0, "corrections": 2}
    assert b"Phone: 507-555-1" in response.content
    assert accept_url(first).encode() in response.content
    assert decline_url(second).encode() in response.content
    assert accept_url(declined).encode() not in response.content


def test_staff_filter_the_suggestions_by_status(client, staff, queue):
    _, _, declined = queue
    client.force_login(staff)

    rejected = client.get(queue_url("rejected"))
    accepted = client.get(queue_url("accepted"))
    unknown = client.get(queue_url("all"))

    assert list(rejected.context["page"].object_list) == [declined]
    assert b"It is right." in rejected.content
    assert list(accepted.context["page"].object_list) == []
    assert (unknown.status_code, unknown.context["status"]) == (200, "pending")


def test_staff_accept_a_suggestion_from_the_queue_and_it_is_applied(client, staff, queue, hospital):
    first, _, _ = queue
    client.force_login(staff)

    response = client.post(accept_url(first), {"note": ""})

    assert response.status_code == 302
    assert response["Location"] == queue_url()
    assert messages_of(response) == ["The correction was made."]
    hospital.refresh_from_db()
    assert hospital.phone == "507-555-1"


def test_staff_decline_a_suggestion_from_the_queue_only_with_a_note(client, staff, queue):
    first, second, _ = queue
    client.force_login(staff)

    refused = client.post(decline_url(first), {"note": ""}, follow=True)
    declined = client.post(decline_url(second), {"note": "Still open."}, follow=True)

    assert [str(m) for m in refused.context["messages"]] == ["Say why the suggestion is declined."]
    assert [str(m) for m in declined.context["messages"]] == ["The suggestion was declined."]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (CorrectionStatus.PENDING, CorrectionStatus.REJECTED)


def test_a_suggestion_that_cannot_be_applied_is_reported_on_the_queue(
    client, staff, hospital, listed
):
    pending = suggest(entity=hospital, kind="remove_account", account=listed)
    listed.removed_on = timezone.localdate()
    listed.save()
    client.force_login(staff)

    response = client.post(accept_url(pending), {"note": ""})

    assert messages_of(response) == ["X (Twitter) @MayoClinic was already removed."]
    pending.refresh_from_db()
    assert pending.status == CorrectionStatus.PENDING


def test_deciding_an_unknown_suggestion_is_not_found(client, staff):
    client.force_login(staff)
    unknown = "00000000-0000-0000-0000-000000000000"

    assert client.post(f"/staff/registry/corrections/{unknown}/accept/").status_code == 404


def test_people_who_are_not_staff_cannot_see_or_decide_suggestions(client, user, queue, hospital):
    first, _, _ = queue
    client.force_login(user)

    statuses = [
        client.get(queue_url()).status_code,
        client.post(accept_url(first), {"note": ""}).status_code,
        client.post(decline_url(first), {"note": "No."}).status_code,
    ]

    assert statuses == [403, 403, 403]
    first.refresh_from_db()
    hospital.refresh_from_db()
    assert (first.status, hospital.phone) == (CorrectionStatus.PENDING, "(507) 555-0000")


def test_a_visitor_is_sent_to_sign_in_for_the_corrections_queue(client, queue):
    first, _, _ = queue

    assert client.get(queue_url()).status_code == 302
    assert client.post(accept_url(first)).status_code == 302
    first.refresh_from_db()
    assert first.status == CorrectionStatus.PENDING


# The session, the person, their MFA check, the pending counts (claims, corrections), the
# page's count and suggestions (with their entities, accounts and people).
QUERIES_OF_THE_CORRECTIONS_QUEUE = 7


@pytest.mark.parametrize("count", [1, 3])
def test_the_corrections_queue_makes_the_same_queries_for_one_or_three_suggestions(
    client, staff, hospital, listed, user, count
):
    for number in range(count):
        CorrectionFactory(entity=hospital, submitted_by=user, proposed_value=f"507-555-{number}")
        CorrectionFactory(entity=hospital, kind=CorrectionKind.REMOVE_ACCOUNT, account=listed)
    client.force_login(staff)
    client.get(queue_url())  # warm the per-process caches

    with CaptureQueriesContext(connection) as queries:
        response = client.get(queue_url())

    assert len(response.context["page"].object_list) == 2 * count
    assert len(queries) == QUERIES_OF_THE_CORRECTIONS_QUEUE

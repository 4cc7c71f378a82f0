"""Correctly signed webhook events of the wrong shape, and signatures from the future: each is
refused with 400 and a reason, and nothing is written."""

import json
import time

import pytest

from socialrx.billing import payment_providers
from socialrx.billing.models import Payment, ProviderEvent
from socialrx.billing.payment_providers import PaymentEvent, StripeCheckout
from socialrx.billing.services.payments import handle_provider_event
from socialrx.core.errors import DomainError
from socialrx.membership.services import applications
from tests.membership.test_rules import apply

from .stripe_stub import StubStripeHTTP
from .test_membership_invoice_pages import SECRET, post_webhook
from .webhook_signing import checkout_completed, stripe_signature

pytestmark = pytest.mark.integration


@pytest.fixture
def card(plans):
    payment_providers.use_provider_for_tests(
        StripeCheckout(
            secret_key="sk_test_shape", webhook_secret=SECRET, http_client=StubStripeHTTP()
        )
    )


@pytest.fixture
def open_invoice(plans, org_a, staff):
    organization, admin, _ = org_a
    _, invoice = applications.approve_application(
        actor=staff, application=apply(organization, admin)
    )
    return invoice


def completed_event(invoice, **changes) -> dict:
    event = json.loads(checkout_completed(event_id="evt_shape", invoice=invoice))
    session = event["data"]["object"]
    for key, value in changes.items():
        if key in ("id", "type", "data"):
            event[key] = value
        elif value is _DROP:
            session.pop(key)
        else:
            session[key] = value
    return event


_DROP = object()


def post_signed(client, payload: bytes, *, timestamp: int | None = None):
    return post_webhook(client, payload, stripe_signature(payload, SECRET, timestamp=timestamp))


def assert_refused(response, reason: str):
    assert response.status_code == 400, response.content
    assert response.json()["detail"].startswith("Malformed event: ")
    assert reason in response.json()["detail"]
    assert (Payment.objects.count(), ProviderEvent.objects.count()) == (0, 0)


@pytest.mark.parametrize("body", [b"[]", b'"evt"', b"42", b"null", b"true"])
def test_a_signed_event_that_is_not_a_json_object_is_refused(client, card, open_invoice, body):
    assert_refused(post_signed(client, body), "not a JSON object")


def test_a_signed_body_that_is_not_json_is_refused(client, card, open_invoice):
    assert_refused(post_signed(client, b"{not json"), "not JSON")


def test_a_signed_body_nested_too_deep_to_read_is_refused(client, card, open_invoice):
    assert_refused(post_signed(client, b"[" * 100_000), "not JSON")


@pytest.mark.parametrize(
    "amount",
    ["1000", "abc", 12.5, 1000.0, True, -5, 10**30, None, _DROP, [], {}],
    ids=[
        "numeric-text", "text", "fraction", "float", "boolean", "negative", "huge",
        "null", "missing", "list", "object",
    ],
)  # fmt: skip
def test_a_checkout_with_an_amount_that_is_not_whole_cents_is_refused(
    client, card, open_invoice, amount
):
    event = completed_event(open_invoice, amount_total=amount)

    assert_refused(post_signed(client, json.dumps(event).encode()), "amount_total")


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"data": []}, "data.object"),
        ({"data": {"object": "cs_1"}}, "data.object"),
        ({"data": None}, "data.object"),
        ({"metadata": "inv"}, "metadata"),
        ({"metadata": ["inv"]}, "metadata"),
        ({"metadata": {"invoice": 7}}, "invoice"),
        ({"client_reference_id": {"id": 1}, "metadata": None}, "client_reference_id"),
        ({"currency": 840}, "currency"),
        ({"currency": _DROP}, "currency"),
        ({"currency": "dollars"}, "currency"),
        ({"payment_status": ["paid"]}, "payment_status"),
        ({"id": 123}, "id"),
        ({"id": ""}, "id"),
        ({"id": "evt_" + "x" * 300}, "id"),
        ({"id": "evt_\x00"}, "id"),
        ({"type": None}, "type"),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_a_checkout_of_the_wrong_shape_is_refused_before_anything_is_written(
    client, card, open_invoice, changes, reason
):
    event = completed_event(open_invoice, **changes)

    assert_refused(post_signed(client, json.dumps(event).encode()), reason)


def test_other_event_types_need_no_amount(client, card, open_invoice):
    event = {"id": "evt_other", "type": "payment_intent.created", "data": {"object": {}}}

    response = post_signed(client, json.dumps(event).encode())

    assert (response.status_code, response.json()["outcome"]) == (200, "ignored")


def test_a_signature_dated_in_the_future_is_refused(client, card, open_invoice):
    payload = checkout_completed(event_id="evt_future", invoice=open_invoice)

    response = post_signed(client, payload, timestamp=int(time.time()) + 3600)

    assert response.status_code == 400
    assert "future" in response.json()["detail"]
    assert (Payment.objects.count(), ProviderEvent.objects.count()) == (0, 0)


def test_a_signature_a_little_ahead_of_our_clock_is_accepted(client, card, open_invoice):
    payload = checkout_completed(event_id="evt_skew", invoice=open_invoice)

    response = post_signed(client, payload, timestamp=int(time.time()) + 60)

    assert (response.status_code, response.json()["outcome"]) == (200, "recorded")


def test_a_signature_older_than_five_minutes_is_still_refused(client, card, open_invoice):
    payload = checkout_completed(event_id="evt_old", invoice=open_invoice)

    response = post_signed(client, payload, timestamp=int(time.time()) - 3600)

    assert (response.status_code, response.json()) == (400, {"detail": "Invalid signature."})


@pytest.mark.parametrize(
    "changes",
    [{"amount_cents": 10**30}, {"amount_cents": -1}, {"event_id": "evt_" + "x" * 300}],
    ids=["huge", "negative", "long-id"],
)
def test_the_service_refuses_an_event_out_of_range_from_any_provider(open_invoice, changes):
    event = PaymentEvent(
        **{
            "event_id": "evt_service",
            "event_type": "checkout.session.completed",
            "invoice_public_id": str(open_invoice.public_id),
            "amount_cents": open_invoice.balance_cents,
            "currency": open_invoice.currency,
            "paid": True,
            **changes,
        }
    )

    with pytest.raises(DomainError):
        handle_provider_event(event, provider_name="another")
    assert (Payment.objects.count(), ProviderEvent.objects.count()) == (0, 0)

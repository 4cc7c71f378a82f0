"""Card payments through a payment-provider adapter. Stripe Checkout is the implementation;
with no keys in the environment the adapter is None and card payment is not offered.

Tests replace Stripe's HTTP client (its network boundary), never this module's logic."""

from __future__ import annotations

import dataclasses
import json
import time

from django.conf import settings

from socialrx.core.errors import DomainError


class InvalidWebhook(Exception):
    """The payload is not signed by the provider, or cannot be read. `detail` is the reason
    given to the sender."""

    def __init__(self, message: str, *, detail: str = "Invalid signature."):
        super().__init__(message)
        self.detail = detail


def _malformed(reason: str) -> InvalidWebhook:
    return InvalidWebhook(reason, detail=f"Malformed event: {reason}")


# A signature older, or newer, than this is refused (a replay, or a clock far off).
SIGNATURE_TOLERANCE_SECONDS = 300
# Stripe's own ceiling for a charge in USD ($999,999.99); larger is not a real payment.
MAX_AMOUNT_CENTS = 99_999_999
MAX_EVENT_ID_LENGTH = 100  # Stripe's ids are about 30 characters


class ProviderUnavailable(DomainError):
    """The provider refused or did not answer; the person can retry or pay by invoice."""

    status_code = 503

    def __init__(self):
        super().__init__(
            "The card payment service is not answering right now. Try again in a few minutes, "
            "or pay by check or ACH using the invoice.",
            code="provider_unavailable",
        )


@dataclasses.dataclass(frozen=True)
class CheckoutSession:
    session_id: str
    redirect_url: str


@dataclasses.dataclass(frozen=True)
class PaymentEvent:
    """A provider event, reduced to what SocialRx records."""

    event_id: str
    event_type: str
    invoice_public_id: str | None
    amount_cents: int
    currency: str
    paid: bool
    # The charge's id at the provider (Stripe's payment intent), which a refund names.
    payment_id: str = ""


class StripeCheckout:
    name = "stripe"

    def __init__(self, *, secret_key: str, webhook_secret: str, http_client=None):
        import stripe  # noqa: PLC0415 - the Stripe client loads only where card payments are configured

        self._stripe = stripe
        self._webhook_secret = webhook_secret
        self._client = stripe.StripeClient(secret_key, http_client=http_client)

    def create_checkout(
        self, *, invoice, amount_cents: int, success_url: str, cancel_url: str
    ) -> CheckoutSession:
        try:
            session = self._create_session(invoice, amount_cents, success_url, cancel_url)
        except self._stripe.StripeError as error:
            raise ProviderUnavailable() from error
        return CheckoutSession(session_id=session.id, redirect_url=session.url)

    def _create_session(self, invoice, amount_cents, success_url, cancel_url):
        return self._client.v1.checkout.sessions.create(
            params={
                "mode": "payment",
                "customer_email": invoice.billing_email,
                "client_reference_id": str(invoice.public_id),
                "metadata": {"invoice": str(invoice.public_id), "number": invoice.number},
                "line_items": [
                    {
                        "quantity": 1,
                        "price_data": {
                            "currency": invoice.currency.lower(),
                            "unit_amount": amount_cents,
                            "product_data": {"name": f"SocialRx invoice {invoice.number}"},
                        },
                    }
                ],
                "success_url": success_url,
                "cancel_url": cancel_url,
                # The session closes soon after the places' hold ends (Stripe's minimum is 30
                # minutes); a payment that still arrives late goes the late-payment way.
                "expires_at": int(time.time()) + 60 * max(31, settings.BILLING_HOLD_MINUTES + 1),
            }
        )

    def refund(self, *, payment_id: str, amount_cents: int, idempotency_key: str) -> str:
        """Give `amount_cents` of a card payment back; returns the provider's refund id. The
        key makes a retried request the same refund, never a second one."""
        try:
            refund = self._client.v1.refunds.create(
                params={"payment_intent": payment_id, "amount": amount_cents},
                options={"idempotency_key": idempotency_key},
            )
        except self._stripe.StripeError as error:
            raise ProviderUnavailable() from error
        return refund.id

    def parse_webhook(self, payload: bytes, signature: str) -> PaymentEvent:
        try:
            self._stripe.WebhookSignature.verify_header(
                payload.decode("utf-8"),
                signature or "",
                self._webhook_secret,
                tolerance=SIGNATURE_TOLERANCE_SECONDS,
            )
        except (self._stripe.SignatureVerificationError, ValueError) as error:
            raise InvalidWebhook(str(error) or "invalid signature") from error
        # Stripe's library refuses only old signatures: one from the future is refused too.
        if _signed_at(signature) > time.time() + SIGNATURE_TOLERANCE_SECONDS:
            raise InvalidWebhook(
                "Timestamp in the future", detail="Invalid signature: its time is in the future."
            )
        try:
            event = json.loads(payload)
        except (ValueError, RecursionError) as error:
            raise _malformed("the body is not JSON.") from error
        return _payment_event(event)


def _signed_at(signature: str) -> int:
    """The `t=` of a Stripe-Signature header that verified, read as Stripe's library reads it."""
    items = [item.split("=", 2) for item in signature.split(",")]
    try:
        return int([item[1] for item in items if item[0] == "t"][0])
    except (IndexError, ValueError) as error:
        raise InvalidWebhook("No timestamp in the signature") from error


def _payment_event(event) -> PaymentEvent:
    """The event reduced to what SocialRx records; anything of the wrong shape is refused
    here, before anything is written."""
    if not isinstance(event, dict):
        raise _malformed("the event is not a JSON object.")
    event_id = _text(event, "id", required=True, max_length=MAX_EVENT_ID_LENGTH)
    event_type = _text(event, "type", required=True, max_length=80)
    data = event.get("data")
    if not isinstance(data, dict) or not isinstance(data.get("object"), dict):
        raise _malformed("data.object is not a JSON object.")
    session = data["object"]
    completed = event_type == "checkout.session.completed"
    metadata = session.get("metadata")
    if metadata is None:
        metadata = {}
    if not isinstance(metadata, dict):
        raise _malformed("metadata is not a JSON object.")
    invoice = _text(metadata, "invoice", max_length=100) or _text(
        session, "client_reference_id", max_length=100
    )
    amount = session.get("amount_total")
    if amount is None and not completed:
        amount = 0
    # bool is an int in Python, and JSON's 1.0 or "100" are not Stripe's integer amounts.
    if type(amount) is not int or not 0 <= amount <= MAX_AMOUNT_CENTS:
        raise _malformed(f"amount_total is not a whole number of cents (0 to {MAX_AMOUNT_CENTS}).")
    currency = _text(session, "currency", required=completed, max_length=3) or "usd"
    return PaymentEvent(
        event_id=event_id,
        event_type=event_type,
        invoice_public_id=invoice or None,
        amount_cents=amount,
        currency=currency.upper(),
        paid=_text(session, "payment_status", max_length=40) == "paid",
        payment_id=_text(session, "payment_intent", max_length=MAX_EVENT_ID_LENGTH),
    )


def _text(values: dict, key: str, *, required: bool = False, max_length: int) -> str:
    value = values.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise _malformed(f"{key} is missing or not a string.")
    if required and not value:
        raise _malformed(f"{key} is empty.")
    if len(value) > max_length or "\x00" in value:
        raise _malformed(f"{key} is too long or holds a NUL character.")
    return value


_override = None


def card_provider():
    """The configured card provider, or None when card payment is off."""
    if _override is not None:
        return _override
    if settings.STRIPE_SECRET_KEY and settings.STRIPE_WEBHOOK_SECRET:
        return StripeCheckout(
            secret_key=settings.STRIPE_SECRET_KEY, webhook_secret=settings.STRIPE_WEBHOOK_SECRET
        )
    return None


def use_provider_for_tests(provider) -> None:
    """Install a provider (a StripeCheckout with a stubbed HTTP client) or None to reset."""
    global _override
    _override = provider

"""Card payments through a payment-provider adapter. Stripe Checkout is the implementation;
with no keys in the environment the adapter is None and card payment is not offered.

Tests replace Stripe's HTTP client (its network boundary), never this module's logic."""

from __future__ import annotations

import dataclasses
import json

from django.conf import settings

from socialrx.core.errors import DomainError


class InvalidWebhook(Exception):
    """The payload is not signed by the provider, or cannot be read."""


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


class StripeCheckout:
    name = "stripe"

    def __init__(self, *, secret_key: str, webhook_secret: str, http_client=None):
        import stripe

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
            }
        )

    def parse_webhook(self, payload: bytes, signature: str) -> PaymentEvent:
        try:
            self._stripe.WebhookSignature.verify_header(
                payload.decode("utf-8"), signature or "", self._webhook_secret, tolerance=300
            )
            event = json.loads(payload)
        except (self._stripe.SignatureVerificationError, ValueError, UnicodeDecodeError) as error:
            raise InvalidWebhook(str(error) or "invalid signature") from error
        data = (event.get("data") or {}).get("object") or {}
        metadata = data.get("metadata") or {}
        return PaymentEvent(
            event_id=str(event.get("id") or ""),
            event_type=str(event.get("type") or ""),
            invoice_public_id=metadata.get("invoice") or data.get("client_reference_id"),
            amount_cents=int(data.get("amount_total") or 0),
            currency=str(data.get("currency") or "usd").upper(),
            paid=data.get("payment_status") == "paid",
        )


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

"""Stripe-style webhook signatures made locally, with the test's own secret."""

import hashlib
import hmac
import json
import time


def stripe_signature(payload: bytes, secret: str, timestamp: int | None = None) -> str:
    timestamp = int(time.time()) if timestamp is None else timestamp
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + payload, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def checkout_completed(*, event_id: str, invoice, amount_cents: int | None = None) -> bytes:
    """The payload Stripe sends when a hosted checkout for `invoice` is paid."""
    return json.dumps(
        {
            "id": event_id,
            "type": "checkout.session.completed",
            "data": {
                "object": {
                    "id": "cs_test_journey",
                    "object": "checkout.session",
                    "amount_total": invoice.balance_cents if amount_cents is None else amount_cents,
                    "currency": invoice.currency.lower(),
                    "payment_status": "paid",
                    "payment_intent": f"pi_{event_id}",
                    "client_reference_id": str(invoice.public_id),
                    "metadata": {"invoice": str(invoice.public_id), "number": invoice.number},
                }
            },
        }
    ).encode()

"""The payment provider's webhook: verify the signature and the event's shape, record the
event once."""

import logging

from django.http import JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from socialrx.core.errors import DomainError

from ..payment_providers import InvalidWebhook, card_provider
from ..services.payments import handle_provider_event

logger = logging.getLogger(__name__)


@csrf_exempt  # the provider cannot send our CSRF token; the signature authenticates it
@require_POST
def stripe_webhook(request):
    provider = card_provider()
    if provider is None:
        return JsonResponse({"detail": "Card payments are not configured."}, status=404)
    try:
        event = provider.parse_webhook(request.body, request.headers.get("Stripe-Signature", ""))
    except InvalidWebhook as error:
        logger.warning("Rejected a webhook: %s", error)
        return JsonResponse({"detail": error.detail}, status=400)
    try:
        outcome = handle_provider_event(event, provider_name=provider.name)
    except DomainError as error:
        return JsonResponse({"detail": error.message}, status=error.status_code)
    return JsonResponse({"received": True, "outcome": outcome})

"""Stripe stubbed at its HTTP boundary: the real `stripe` client builds and sends requests,
this transport answers them locally. Nothing leaves the machine."""

import json
from urllib.parse import parse_qs

import stripe

CHECKOUT_URL = "https://checkout.stripe.test/c/pay/cs_test_journey"


class StubStripeHTTP(stripe.HTTPClient):
    name = "stub"

    def __init__(self, checkout_url: str = CHECKOUT_URL):
        super().__init__()
        self.checkout_url = checkout_url
        self.requests: list[dict] = []

    def request(self, method, url, headers, post_data=None, *, _usage=None):
        params = parse_qs(post_data.decode() if isinstance(post_data, bytes) else post_data or "")
        self.requests.append({"method": method, "url": url, "params": params, "headers": headers})
        if "/v1/refunds" in url:
            body = {
                "id": f"re_test_{len(self.requests)}",
                "object": "refund",
                "amount": int(params.get("amount", ["0"])[0]),
                "payment_intent": params.get("payment_intent", [""])[0],
                "status": "succeeded",
            }
            return json.dumps(body), 200, {}
        body = {
            "id": "cs_test_journey",
            "object": "checkout.session",
            "url": self.checkout_url,
            "amount_total": int(params.get("line_items[0][price_data][unit_amount]", ["0"])[0]),
            "success_url": params.get("success_url", [""])[0],
        }
        return json.dumps(body), 200, {}

    def request_stream(self, method, url, headers, post_data=None, *, _usage=None):
        raise NotImplementedError("streaming is not used by SocialRx")

    def close(self):
        pass

    @property
    def last_params(self) -> dict:
        return {key: values[0] for key, values in self.requests[-1]["params"].items()}

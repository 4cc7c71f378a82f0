from datetime import UTC, datetime

import pytest
import time_machine

from socialrx.billing import payment_providers
from socialrx.billing.payment_providers import StripeCheckout
from tests.billing.sample_kind import SampleKind
from tests.billing.stripe_stub import StubStripeHTTP
from tests.membership.factories import standard_plans


@pytest.fixture
def plans(db):
    return standard_plans()


@pytest.fixture
def sample_kind():
    """The test-only sellable kind, registered for one test."""
    kind = SampleKind().install()
    yield kind
    SampleKind.uninstall()


@pytest.fixture(autouse=True)
def _no_card_provider_leaks():
    yield
    payment_providers.use_provider_for_tests(None)


# The clock and the webhook secret of the sample kind's tests (see test_sample_kind_sold_...).
NOW = datetime(2031, 3, 10, 15, 0, tzinfo=UTC)
SECRET = "whsec_sample_kind_end_to_end"


@pytest.fixture
def clock():
    """The clock stands still at NOW; tests move it with `clock.shift(...)`."""
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture
def card():
    """Stripe with its HTTP stubbed; `card.requests` is every call made to it."""
    http = StubStripeHTTP()
    payment_providers.use_provider_for_tests(
        StripeCheckout(secret_key="sk_test_sample_kind", webhook_secret=SECRET, http_client=http)
    )
    return http

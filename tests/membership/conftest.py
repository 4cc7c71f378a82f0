import pytest

from socialrx.billing import payment_providers

from .factories import standard_plans


@pytest.fixture
def plans(db):
    return standard_plans()


@pytest.fixture(autouse=True)
def _no_card_provider_leaks():
    yield
    payment_providers.use_provider_for_tests(None)

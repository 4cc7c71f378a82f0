import pytest

from socialrx.billing import payment_providers
from tests.billing.sample_kind import SampleKind
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

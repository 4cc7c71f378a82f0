"""The OpenAPI document describes the API (/api/v1/openapi.json): schemathesis sends every
operation generated input, valid and invalid, anonymously and with a personal API token, and
every answer must be one the document declares (status, content type and body), never a 5xx.

The examples are few and derandomized (the same on every run), so the run is quick and a
failure reproduces; the database holds the ids the path parameters sometimes take, so the
successful answers are checked too, not only the 404s."""

import uuid

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections, transaction
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from socialrx.accounts.services import create_api_token
from socialrx.api.api import api
from tests.factories import StaffFactory, org_with_admin
from tests.membership.factories import InvoiceFactory, MembershipFactory
from tests.registry.factories import (
    AccountFactory,
    EntityFactory,
    PhysicianFactory,
    SnapshotFactory,
)

pytestmark = [
    pytest.mark.integration,
    pytest.mark.sweep,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

OPENAPI = "/api/v1/openapi.json"
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Per operation and caller: at most 320 requests in all, some 15 s on one core.
MAX_EXAMPLES = 20
FUZZ_SETTINGS = hypothesis_settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.generate, Phase.shrink],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
    print_blob=False,
)


def _operations() -> list[tuple[str, str]]:
    """(method, path) of every operation, read from the API object itself at collection."""
    document = api.get_openapi_schema()
    return sorted(
        (method.upper(), path)
        for path, operations in document["paths"].items()
        for method in operations
    )


OPERATIONS = _operations()


@pytest.fixture
def wsgi_app(settings):
    """The whole Django application as a WSGI callable, on the test's database connection.

    Django's test client keeps a request from closing the database connection at its end;
    a plain WSGI handler does not, so that is done here (the test's transaction stays open)."""
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "localhost"]
    # Fuzzing sends hundreds of requests from one address: not a client to throttle here
    # (the 429 is declared, and tests/registry/test_api.py checks it).
    settings.REGISTRY_API_RATE = "1000000/m"
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield WSGIHandler()
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


@pytest.fixture
def known_ids(db):
    """Data for every operation, and the ids path parameters may take to find it."""
    organization, admin = org_with_admin(name="Riverside Regional Medical Center")
    membership = MembershipFactory(organization=organization)
    InvoiceFactory(organization=organization, membership=membership)
    hospital = EntityFactory(name="MAYO CLINIC HOSPITAL ROCHESTER", state="MN")
    other = EntityFactory(name="CLEVELAND CLINIC", state="OH")
    doctor = PhysicianFactory(affiliated_hospital=hospital)
    account = AccountFactory(entity=hospital, followers=2000)
    SnapshotFactory(account=account, followers=1500)
    AccountFactory(entity=other, platform="facebook", address="facebook.com/ClevelandClinic")
    _, raw = create_api_token(user=admin, name="Schemathesis")
    return {
        "token": raw,
        "/api/v1/organizations/{public_id}/people": [organization.public_id],
        "/api/v1/membership/organizations/{public_id}/membership": [organization.public_id],
        "/api/v1/registry/entities/{public_id}": [
            hospital.public_id,
            other.public_id,
            doctor.public_id,
        ],
    }


_LOADED: list = []


def _schema(app):
    """The document as schemathesis reads it, loaded through the application once per worker
    (about 0.7 s a load). Every test's `wsgi_app` is an equivalent handler on the same settings,
    so the first one serves the later tests' requests too."""
    if not _LOADED:
        _LOADED.append(schemathesis.openapi.from_wsgi(OPENAPI, app))
    return _LOADED[0]


def _strategy(operation, known: list) -> st.SearchStrategy:
    """Valid and invalid input; valid input sometimes names an object that exists."""
    strategies = [operation.as_strategy(GenerationMode.POSITIVE)]
    if known:
        strategies.append(
            st.sampled_from(known).flatmap(
                lambda public_id: operation.as_strategy(
                    GenerationMode.POSITIVE, path_parameters={"public_id": str(public_id)}
                )
            )
        )
    if len(operation.path_parameters) or len(operation.query):
        strategies.append(operation.as_strategy(GenerationMode.NEGATIVE))
    return st.one_of(strategies)


def test_the_document_declares_no_operation_without_error_responses(client):
    """Every operation declares its 4xx answers with the shared error body."""
    document = client.get(OPENAPI).json()

    assert document["components"]["schemas"]["ErrorOut"]["required"] == ["detail"]
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            # The middleware refuses a center-role session without two-factor authentication.
            assert "403" in responses, (method, path)
            if operation["parameters"]:
                assert "422" in responses, (method, path)
            if "{public_id}" in path:
                assert "404" in responses, (method, path)
            for status, response in responses.items():
                if status.startswith("4"):
                    schema = response["content"]["application/json"]["schema"]
                    assert schema == {"$ref": "#/components/schemas/ErrorOut"}, (status, path)
            if operation.get("security"):
                assert "401" in responses, (method, path)
            if path.startswith("/api/v1/registry/"):
                assert "429" in responses, (method, path)


def test_a_center_role_without_two_factor_is_refused_everywhere_as_documented(client):
    """The middleware's 403 for a center-role session without MFA: on every operation."""
    paths = client.get(OPENAPI).json()["paths"]
    client.force_login(StaffFactory())

    for method, path in OPERATIONS:
        response = client.generic(method, path.replace("{public_id}", str(uuid.uuid4())))

        assert response.status_code == 403, (method, path)
        assert "403" in paths[path][method.lower()]["responses"], (method, path)
        assert response.json() == {
            "detail": "Two-factor authentication must be set up for this account."
        }


@pytest.mark.parametrize("caller", ["anonymous", "token"])
@pytest.mark.parametrize(("method", "path"), OPERATIONS, ids=[f"{m} {p}" for m, p in OPERATIONS])
def test_every_answer_is_one_the_document_declares(wsgi_app, known_ids, caller, method, path):
    operation = _schema(wsgi_app)[path][method]
    headers = {"Authorization": f"Bearer {known_ids['token']}"} if caller == "token" else {}

    @FUZZ_SETTINGS
    @given(case=_strategy(operation, known_ids.get(path, [])))
    def answers_as_documented(case):
        # Each example in a savepoint: what one request changed (or broke) is undone.
        with transaction.atomic():
            case.call_and_validate(headers=headers, checks=CHECKS)

    answers_as_documented()

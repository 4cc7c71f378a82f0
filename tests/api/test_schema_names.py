"""Every schema the OpenAPI document names is one class. django-ninja files each response
model, and each model inside it, under its class name in `components/schemas`: two classes with
one name leave a single entry, so the document described one of them with the other's fields
(membership's invoices carried billing's, the agenda's sessions coaching's)."""

from __future__ import annotations

import enum
import typing

import pytest
from pydantic import BaseModel

from socialrx.api.api import api
from tests.route_inventory import api_operations

pytestmark = [pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]


def _schema_classes(annotation, found: dict[str, set[str]], seen: set) -> None:
    """Every pydantic model and enum in `annotation` (list[X], X | None, nested fields), by the
    name the document gives it. Models that are not in the document (query parameters, which
    ninja spreads into parameters) are walked for the enums inside them and left out later."""
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        found.setdefault(annotation.__name__, set()).add(
            f"{annotation.__module__}.{annotation.__qualname__}"
        )
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation in seen:
            return
        seen.add(annotation)
        name = annotation.model_config.get("title") or annotation.__name__
        found.setdefault(name, set()).add(f"{annotation.__module__}.{annotation.__qualname__}")
        for field in annotation.model_fields.values():
            _schema_classes(field.annotation, found, seen)
    for argument in typing.get_args(annotation):
        _schema_classes(argument, found, seen)


def _documented() -> dict:
    return api.get_openapi_schema()["components"]["schemas"]


def test_no_two_classes_share_a_name_in_the_document():
    found: dict[str, set[str]] = {}
    seen: set = set()
    operations = list(api_operations())
    for operation in operations:
        for model in (operation.response_models or {}).values():
            if model is not None:
                _schema_classes(model, found, seen)
        for params in operation.models:
            _schema_classes(params, found, seen)

    documented = _documented()
    shared = {
        name: sorted(classes)
        for name, classes in found.items()
        if len(classes) > 1 and name in documented
    }
    assert len(operations) >= 39, "the walk found fewer operations than the API has"
    assert not shared, f"Schemas the document files under one name (rename one): {shared}"


def test_invoices_and_sessions_are_described_by_their_own_fields():
    documented = _documented()
    properties = {name: set(schema.get("properties", ())) for name, schema in documented.items()}

    # Billing's invoice (what an organization or person bought) and membership's (the year billed).
    assert {"buyer", "lines", "receipts", "pdf_url"} <= properties["InvoiceOut"]
    assert "kind" in properties["MembershipInvoiceOut"]
    assert "buyer" not in properties["MembershipInvoiceOut"]
    invoices = documented["MembershipOut"]["properties"]["invoices"]["items"]
    assert invoices == {"$ref": "#/components/schemas/MembershipInvoiceOut"}

    # A conference session on the agenda, and a coaching appointment.
    assert {"slug", "speakers", "room", "track"} <= properties["AgendaSessionOut"]
    assert {"coach_name", "engagement_id", "minutes"} <= properties["CoachingSessionOut"]
    sessions = documented["AgendaOut"]["properties"]["sessions"]["items"]
    assert sessions == {"$ref": "#/components/schemas/AgendaSessionOut"}
    assert "SessionOut" not in documented

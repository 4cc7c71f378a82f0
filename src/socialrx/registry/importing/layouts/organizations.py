"""Other health organizations: clinics, associations, public health agencies and hospitals
outside the US, keyed by a source id or by name and place."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.db.models.functions import Lower

from ...models import Entity, EntityKind, OrganizationCategory
from .. import values as v
from .base import Column
from .entities import EntityLayout, text_reader


def _category(value: str) -> str:
    if v.is_null(value):
        return OrganizationCategory.OTHER
    wanted = value.strip().lower()
    for choice in OrganizationCategory:
        if wanted in (choice.value, choice.label.lower()):
            return choice.value
    known = ", ".join(choice.label for choice in OrganizationCategory)
    raise v.RowRejected(f"Category “{value}” is not one of: {known}.")


def _country(value: str) -> str:
    cleaned = value.strip().upper()
    if v.is_null(cleaned) or cleaned in ("USA", "UNITED STATES", "UNITED STATES OF AMERICA"):
        return "US"
    if len(cleaned) != 2 or not cleaned.isalpha():
        raise v.RowRejected(f"Country “{value}” is not a two-letter country code (e.g. CA, GB).")
    return cleaned


class OrganizationLayout(EntityLayout):
    kind = "organizations"
    title = "Other health organizations"
    description = (
        "Clinics, associations, public health agencies and hospitals outside the US: a name, "
        "a city and a country (a state too in the US). Optional: category, website, address, "
        "and a source identifier that stays the same between files."
    )
    entity_kind = EntityKind.ORGANIZATION
    key_field = "external_id"
    key_label = "Organization"
    columns = (
        Column("external_id", ("Source ID", "Organization ID", "ID")),
        Column("name", ("Name", "Organization Name", "Organization"), required=True),
        Column("category", ("Category", "Organization Type", "Type")),
        Column("street_address", ("Address", "Street Address")),
        Column("city", ("City", "City/Town"), required=True),
        Column("state", ("State", "State/Province")),
        Column("postal_code", ("ZIP Code", "Postal Code", "ZIP")),
        Column("country", ("Country",)),
        Column("phone", ("Phone", "Telephone Number")),
        Column("website", ("Website", "URL")),
    )
    readers = {
        "external_id": ("external_id", text_reader("Source ID", max_length=64)),
        "name": ("name", text_reader("Name", required=True)),
        "category": ("category", _category),
        "street_address": ("street_address", text_reader("Address")),
        "city": ("city", text_reader("City", required=True, max_length=120)),
        "phone": ("phone", text_reader("Phone", max_length=40)),
        "website": ("website", v.website),
    }

    def extra_fields(self, values, present):
        country = _country(values.get("country", "")) if "country" in present else "US"
        data: dict[str, Any] = {"country": country}
        raw_state = values.get("state", "") if "state" in present else ""
        postal = values.get("postal_code", "")
        if country == "US":
            data["state"] = v.state(raw_state)
            if "postal_code" in present:  # a file without the column leaves ZIP codes alone
                data["postal_code"] = v.zip_code(postal)
        else:
            # States and postal codes outside the US follow each country's own rules.
            data["state"] = ""
            if "postal_code" in present:
                data["postal_code"] = v.text(postal, "Postal code", max_length=10)
            if raw_state and not v.is_null(raw_state):
                data["county"] = v.text(raw_state, "State/Province", max_length=120)
        return data

    def record_key(self, data):
        if data.get("external_id"):
            return ("id", data["external_id"])
        return ("place", data["name"].lower(), data["city"].lower(), data["state"], data["country"])

    def label_of(self, data):
        return data.get("external_id") or f"{data['name']} ({data['city']})"

    def existing(self, batch):
        found: dict[tuple, Entity] = {}
        ids = [p.data["external_id"] for p in batch if p.data.get("external_id")]
        for entity in Entity.objects.filter(kind=self.entity_kind, external_id__in=ids):
            found[("id", entity.external_id)] = entity
        names = {p.data["name"] for p in batch if not p.data.get("external_id")}
        # SQLite's LOWER folds ASCII letters only ("É" stays "É"), so the names as written are
        # looked up too: a file imported again finds its rows on every database.
        by_name = Entity.objects.annotate(lower_name=Lower("name")).filter(
            Q(lower_name__in={name.lower() for name in names}) | Q(name__in=names),
            kind=self.entity_kind,
        )
        for entity in by_name:
            place = (entity.name.lower(), entity.city.lower(), entity.state, entity.country)
            found[("place", *place)] = entity
        return found

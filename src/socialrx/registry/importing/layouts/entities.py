"""Layouts of entity files: hospitals (CMS Hospital General Information as published),
physicians (NPPES / CMS Doctors and Clinicians columns), other health organizations, and
health systems with their hospitals (AHRQ Compendium hospital linkage columns).

Rows are upserted by their key (CCN, NPI, source id or name-and-place). Only the columns the
file has are compared and written: a file without a bed count leaves bed counts alone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone

from socialrx.core import audit

from ...classification import DERIVED_FIELDS, classify
from ...models import (
    Entity,
    EntityKind,
    HcahpsHospitalResult,
    HvbpResult,
    OrganizationCategory,
)
from .. import values as v
from .base import BatchResult, Column, FileProblem, ImportContext, Layout, Parsed

Reader = Callable[[str], Any]


class EntityLayout(Layout):
    """Upsert of one kind of entity by a key field."""

    entity_kind: str = ""
    key_field: str = ""
    key_label: str = ""
    # canonical column -> (entity field, reader); a reader raises RowRejected.
    readers: dict[str, tuple[str, Reader]] = {}
    # Fields written when an entity is created even if the file lacks the column.
    defaults: dict[str, Any] = {}

    def parse(self, values: dict[str, str], present: frozenset[str], row_number: int) -> Parsed:
        data = {}
        for column, (field_name, reader) in self.readers.items():
            if column in present:
                data[field_name] = reader(values.get(column, ""))
        data.update(self.extra_fields(values, present))
        key = self.record_key(data)
        return Parsed(row_number, key, self.label_of(data), data)

    def extra_fields(self, values: dict[str, str], present: frozenset[str]) -> dict[str, Any]:
        return {}

    def record_key(self, data: dict[str, Any]) -> tuple:
        return (data[self.key_field],)

    def label_of(self, data: dict[str, Any]) -> str:
        return f"{self.key_label} {data[self.key_field]}"

    # --- comparing and writing -----------------------------------------------------------

    def existing(self, batch: list[Parsed]) -> dict[tuple, Entity]:
        keys = [parsed.data[self.key_field] for parsed in batch]
        found = Entity.objects.filter(kind=self.entity_kind, **{f"{self.key_field}__in": keys})
        return {(getattr(entity, self.key_field),): entity for entity in found}

    def resolve(self, batch: list[Parsed], result: BatchResult) -> list[Parsed]:
        """Turn references (a hospital's CCN) into ids; refuse rows whose reference is unknown."""
        return batch

    def process(self, batch: list[Parsed], context: ImportContext) -> BatchResult:
        result = BatchResult()
        batch = self.resolve(batch, result)
        existing = self.existing(batch)
        to_create: list[Entity] = []
        to_update: dict[int, Entity] = {}
        changed_fields: set[str] = set()
        history: list[tuple[str, Entity, dict, dict]] = []
        for parsed in batch:
            entity = existing.get(parsed.key)
            if entity is None and context.dry_run:
                # A preview only counts new rows: building a model instance for each would
                # double the time it takes to check a million-row file.
                result.created += 1
                continue
            if entity is None:
                entity = self.new_entity(parsed, context)
                to_create.append(entity)
                existing[parsed.key] = entity  # a later row of the batch updates this one
                result.created += 1
                history.append(("registry.entity.created", entity, {}, _created_summary(entity)))
                continue
            before, after = _apply(entity, parsed.data)
            if not after:
                result.unchanged += 1
                continue
            result.updated += 1
            changed_fields.update(after)
            if entity.pk is not None:
                to_update[entity.pk] = entity
            history.append(("registry.entity.updated", entity, before, after))
        if not context.dry_run:
            self.write(to_create, list(to_update.values()), changed_fields, history, context)
        return result

    def new_entity(self, parsed: Parsed, context: ImportContext) -> Entity:
        entity = Entity(kind=self.entity_kind, source=context.source, **self.defaults)
        for field_name, value in parsed.data.items():
            setattr(entity, field_name, value)
        classify(entity)
        return entity

    def write(self, to_create, to_update, changed_fields, history, context) -> None:
        now = timezone.now()
        Entity.objects.bulk_create(to_create, batch_size=500)
        for entity in to_update:
            entity.updated_at = now
        if to_update:
            fields = sorted(changed_fields | set(DERIVED_FIELDS) | {"updated_at"})
            Entity.objects.bulk_update(to_update, fields, batch_size=500)
        audit.record_many(
            [
                audit.build(
                    actor=context.actor,
                    action=action,
                    target=entity,
                    before=before,
                    after={**after, "via": context.via},
                )
                for action, entity, before, after in history
            ]
        )


def _apply(entity: Entity, data: dict[str, Any]) -> tuple[dict, dict]:
    """Set the file's values on `entity`; (before, after) of the fields that changed."""
    before, after = {}, {}
    for field_name, value in data.items():
        current = getattr(entity, field_name)
        if current != value:
            before[field_name], after[field_name] = current, value
            setattr(entity, field_name, value)
    if after:
        classify(entity)
    return before, after


def _created_summary(entity: Entity) -> dict:
    return {"name": entity.name, "kind": entity.kind, "key": entity.key}


def _text(label: str, *, required: bool = False, max_length: int = v.MAX_TEXT) -> Reader:
    return lambda value: v.text(value, label, required=required, max_length=max_length)


def _star_rating(value: str) -> int | None:
    return v.integer(value, "Overall rating", minimum=1, maximum=5)


# --- hospitals ------------------------------------------------------------------------------


class HospitalLayout(EntityLayout):
    kind = "hospitals"
    title = "Hospitals"
    description = (
        "CMS “Hospital General Information” as published on Provider Data Catalog, or any "
        "file with a CCN, a name, a city and a state. Optional: beds, website."
    )
    entity_kind = EntityKind.HOSPITAL
    key_field = "ccn"
    key_label = "CCN"
    columns = (
        Column("ccn", ("Facility ID", "CCN", "CMS Certification Number", "Provider ID",
                       "Provider Number", "CMS Certification Number (CCN)"), required=True),
        Column("name", ("Facility Name", "Hospital Name", "Name"), required=True),
        Column("street_address", ("Address", "Street Address", "Address 1")),
        Column("city", ("City/Town", "City"), required=True),
        Column("state", ("State",), required=True),
        Column("postal_code", ("ZIP Code", "ZIP", "Postal Code")),
        Column("county", ("County/Parish", "County Name", "County")),
        Column("phone", ("Telephone Number", "Phone Number", "Phone")),
        Column("hospital_type", ("Hospital Type", "Type")),
        Column("ownership", ("Hospital Ownership", "Ownership")),
        Column("emergency_services", ("Emergency Services",)),
        Column("star_rating", ("Hospital overall rating", "Overall Rating", "Star Rating")),
        Column("bed_count", ("Beds", "Licensed Beds", "Bed Count", "Number of Beds")),
        Column("website", ("Website", "Web Site", "URL")),
    )  # fmt: skip
    readers = {
        "ccn": ("ccn", v.ccn),
        "name": ("name", _text("Facility name", required=True)),
        "street_address": ("street_address", _text("Address")),
        "city": ("city", _text("City", required=True, max_length=120)),
        "state": ("state", v.state),
        "postal_code": ("postal_code", v.zip_code),
        "county": ("county", _text("County", max_length=120)),
        "phone": ("phone", _text("Phone", max_length=40)),
        "hospital_type": ("hospital_type", _text("Hospital type", max_length=80)),
        "ownership": ("ownership", _text("Ownership", max_length=80)),
        "emergency_services": ("emergency_services", lambda x: v.boolean(x, "Emergency services")),
        "star_rating": ("star_rating", _star_rating),
        "bed_count": ("bed_count", lambda x: v.integer(x, "Beds", minimum=1, maximum=5000)),
        "website": ("website", v.website),
    }

    def extra_fields(self, values, present):
        # A bed count from a file is a real figure, whatever the demo had generated.
        return {"bed_count_is_generated": False} if "bed_count" in present else {}

    def write(self, to_create, to_update, changed_fields, history, context) -> None:
        super().write(to_create, to_update, changed_fields, history, context)
        link_patient_experience(to_create)


def link_patient_experience(hospitals: list[Entity]) -> None:
    """CMS's HCAHPS files may arrive before the hospitals they describe: their rows wait,
    keyed by CCN, for the hospital to be listed."""
    by_ccn = {hospital.ccn: hospital.pk for hospital in hospitals}
    for model in (HvbpResult, HcahpsHospitalResult):
        waiting = model.objects.filter(entity__isnull=True, ccn__in=by_ccn).only("pk", "ccn")
        linked = list(waiting)
        for row in linked:
            row.entity_id = by_ccn[row.ccn]
        model.objects.bulk_update(linked, ["entity"], batch_size=1000)


# --- physicians ------------------------------------------------------------------------------


class PhysicianLayout(EntityLayout):
    kind = "physicians"
    title = "Physicians"
    description = (
        "One row per physician with an NPI and a name (“Name”, or first and last name columns, "
        "as in NPPES or CMS Doctors and Clinicians). Optional: credential, specialty, city, "
        "state, ZIP, and the CCN of an affiliated hospital already in the registry."
    )
    entity_kind = EntityKind.PHYSICIAN
    key_field = "npi"
    key_label = "NPI"
    columns = (
        Column("npi", ("NPI", "National Provider Identifier"), required=True),
        Column("name", ("Name", "Full Name", "Physician Name")),
        Column("first_name", ("First Name", "Provider First Name", "frst_nm")),
        Column("last_name", ("Last Name", "Provider Last Name", "Provider Last Name (Legal Name)",
                             "lst_nm")),
        Column("credential", ("Credential", "Cred", "Provider Credential Text", "Degree")),
        Column("specialty", ("Specialty", "Primary Specialty", "pri_spec")),
        Column("city", ("City/Town", "City", "cty",
                        "Provider Business Practice Location Address City Name")),
        Column("state", ("State", "st",
                         "Provider Business Practice Location Address State Name")),
        Column("postal_code", ("ZIP Code", "ZIP", "zip", "Postal Code")),
        Column("hospital_ccn", ("Hospital CCN", "Affiliated Hospital CCN", "hosp_afl_1")),
        Column("website", ("Website", "URL")),
    )  # fmt: skip
    readers = {
        "npi": ("npi", v.npi),
        "credential": ("credential", _text("Credential", max_length=40)),
        "specialty": ("specialty", _text("Specialty", max_length=120)),
        "city": ("city", _text("City", max_length=120)),
        "state": ("state", lambda x: v.state(x, required=False)),
        "postal_code": ("postal_code", v.zip_code),
        "website": ("website", v.website),
    }

    def check_columns(self, present: frozenset[str]) -> None:
        if "name" not in present and "last_name" not in present:
            raise FileProblem(
                "This file has no physician names: add a “Name” column, or “First Name” and "
                "“Last Name” columns."
            )

    def extra_fields(self, values, present):
        data: dict[str, Any] = {}
        full = v.text(values.get("name", ""), "Name") if "name" in present else ""
        if not full:
            first = v.text(values.get("first_name", ""), "First name", max_length=100)
            last = v.text(values.get("last_name", ""), "Last name", max_length=150)
            full = " ".join(part for part in (first, last) if part)
        if not full:
            raise v.RowRejected("The physician's name is empty.")
        data["name"] = full
        if "hospital_ccn" in present:
            raw = values.get("hospital_ccn", "")
            data["affiliated_hospital_ccn"] = "" if v.is_null(raw) else v.ccn(raw, "Hospital CCN")
        return data

    def resolve(self, batch: list[Parsed], result: BatchResult) -> list[Parsed]:
        ccns = {
            p.data["affiliated_hospital_ccn"] for p in batch if "affiliated_hospital_ccn" in p.data
        }
        hospitals = dict(
            Entity.objects.filter(kind=EntityKind.HOSPITAL, ccn__in=ccns - {""}).values_list(
                "ccn", "pk"
            )
        )
        kept = []
        for parsed in batch:
            if "affiliated_hospital_ccn" not in parsed.data:
                kept.append(parsed)
                continue
            ccn = parsed.data.pop("affiliated_hospital_ccn")
            if ccn and ccn not in hospitals:
                result.reject(parsed, f"Hospital CCN {ccn} is not in the registry.")
                continue
            parsed.data["affiliated_hospital_id"] = hospitals.get(ccn)
            kept.append(parsed)
        return kept


# --- other health organizations ----------------------------------------------------------


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
        "external_id": ("external_id", _text("Source ID", max_length=64)),
        "name": ("name", _text("Name", required=True)),
        "category": ("category", _category),
        "street_address": ("street_address", _text("Address")),
        "city": ("city", _text("City", required=True, max_length=120)),
        "phone": ("phone", _text("Phone", max_length=40)),
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


# --- health systems --------------------------------------------------------------------------


class HealthSystemLayout(Layout):
    """A system per source id, and the hospitals it owns: one row per (system, hospital), as in
    AHRQ's Compendium of U.S. Health Systems hospital linkage file."""

    kind = "health_systems"
    title = "Health systems and their hospitals"
    description = (
        "One row per hospital of a system (AHRQ Compendium hospital linkage columns): the "
        "system's id, name, city and state, and the hospital's CCN. A row without a CCN lists "
        "the system only."
    )
    columns = (
        Column("system_id", ("health_sys_id", "System ID", "Health System ID"), required=True),
        Column("name", ("health_sys_name", "System Name", "Health System", "Health System Name"),
               required=True),
        Column("city", ("health_sys_city", "System City", "City")),
        Column("state", ("health_sys_state", "System State", "State")),
        Column("website", ("Website", "URL")),
        Column("ccn", ("ccn", "Hospital CCN", "Facility ID")),
    )  # fmt: skip

    def parse(self, values, present, row_number):
        system_id = v.text(values.get("system_id", ""), "System id", required=True, max_length=64)
        data = {
            "external_id": system_id,
            "name": v.text(values.get("name", ""), "System name", required=True),
            "city": v.text(values.get("city", ""), "City", max_length=120),
            "state": v.state(values.get("state", ""), required=False),
        }
        if "website" in present:
            data["website"] = v.website(values.get("website", ""))
        raw_ccn = values.get("ccn", "")
        data["ccn"] = "" if v.is_null(raw_ccn) else v.ccn(raw_ccn, "Hospital CCN")
        label = f"System {system_id}" + (f", CCN {data['ccn']}" if data["ccn"] else "")
        return Parsed(row_number, (system_id, data["ccn"]), label, data)

    def process(self, batch: list[Parsed], context: ImportContext) -> BatchResult:
        result = BatchResult()
        ccns = {p.data["ccn"] for p in batch if p.data["ccn"]}
        hospitals = {
            hospital.ccn: hospital
            for hospital in Entity.objects.select_related("health_system").filter(
                kind=EntityKind.HOSPITAL, ccn__in=ccns
            )
        }
        systems = {
            e.external_id: e
            for e in Entity.objects.filter(
                kind=EntityKind.HEALTH_SYSTEM, external_id__in={p.key[0] for p in batch}
            )
        }
        history, linked = [], []
        for parsed in batch:
            ccn = parsed.data["ccn"]
            if ccn and ccn not in hospitals:
                result.reject(parsed, f"Hospital CCN {ccn} is not in the registry.")
                continue
            system, created, system_changed = self._system(parsed, systems, context, history)
            hospital = hospitals.get(ccn)
            link_changed = hospital is not None and self._link(hospital, system, history, context)
            if hospital is not None and link_changed:
                linked.append(hospital)
            if created:
                result.created += 1
            elif system_changed or link_changed:
                result.updated += 1
            else:
                result.unchanged += 1
        if not context.dry_run:
            self._write(systems, linked, history, context)
        return result

    def _system(self, parsed, systems, context, history) -> tuple[Entity, bool, bool]:
        data = {key: value for key, value in parsed.data.items() if key != "ccn"}
        system = systems.get(data["external_id"])
        if system is None:
            system = Entity(kind=EntityKind.HEALTH_SYSTEM, source=context.source, **data)
            classify(system)
            systems[data["external_id"]] = system
            system._import_dirty = True
            history.append(("registry.entity.created", system, {}, _created_summary(system)))
            return system, True, False
        before, after = _apply(system, data)
        if after:
            system._import_dirty = True
            history.append(("registry.entity.updated", system, before, after))
        return system, False, bool(after)

    def _link(self, hospital: Entity, system: Entity, history, context) -> bool:
        if hospital.health_system_id is not None and hospital.health_system_id == system.pk:
            return False
        if getattr(hospital, "_pending_system", None) is system:
            return False
        before = {"health_system": str(hospital.health_system or "")}
        hospital._pending_system = system
        history.append(
            ("registry.entity.updated", hospital, before, {"health_system": system.name})
        )
        return True

    def _write(self, systems, linked, history, context) -> None:
        dirty = [system for system in systems.values() if getattr(system, "_import_dirty", False)]
        existing = [system for system in dirty if system.pk is not None]
        Entity.objects.bulk_create([s for s in dirty if s.pk is None], batch_size=500)
        now = timezone.now()
        for system in existing:
            system.updated_at = now
        if existing:
            Entity.objects.bulk_update(
                existing, ["name", "city", "state", "website", "region", "updated_at"]
            )
        for hospital in linked:
            hospital.health_system = hospital._pending_system
            hospital.updated_at = now
        Entity.objects.bulk_update(linked, ["health_system", "updated_at"], batch_size=500)
        audit.record_many(
            [
                audit.build(actor=context.actor, action=action, target=entity, before=before,
                            after={**after, "via": context.via})
                for action, entity, before, after in history
            ]
        )  # fmt: skip

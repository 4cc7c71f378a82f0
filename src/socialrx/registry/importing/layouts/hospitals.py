"""Hospitals: CMS Hospital General Information as published on Provider Data Catalog, or any
file with a CCN, a name, a city and a state."""

from __future__ import annotations

from ...models import Entity, EntityKind, HcahpsHospitalResult, HvbpResult
from .. import values as v
from .base import Column
from .entities import EntityLayout, text_reader


def _star_rating(value: str) -> int | None:
    return v.integer(value, "Overall rating", minimum=1, maximum=5)


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
    bulk = True
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
        "name": ("name", text_reader("Facility name", required=True)),
        "street_address": ("street_address", text_reader("Address")),
        "city": ("city", text_reader("City", required=True, max_length=120)),
        "state": ("state", v.state),
        "postal_code": ("postal_code", v.zip_code),
        "county": ("county", text_reader("County", max_length=120)),
        "phone": ("phone", text_reader("Phone", max_length=40)),
        "hospital_type": ("hospital_type", text_reader("Hospital type", max_length=80)),
        "ownership": ("ownership", text_reader("Ownership", max_length=80)),
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

    def bulk_after_create(self) -> list[str]:
        """`link_patient_experience`, set-based: the staging table holds each new hospital's
        id and CCN."""
        return [
            f"UPDATE {model._meta.db_table} r SET entity_id = s.entity_id FROM {{stage}} s "  # noqa: S608 - names from the models, never from the file
            "WHERE s.is_new AND s.row_number BETWEEN %(first)s AND %(last)s "
            "AND r.entity_id IS NULL AND r.ccn = s.ccn"
            for model in (HvbpResult, HcahpsHospitalResult)
        ]


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

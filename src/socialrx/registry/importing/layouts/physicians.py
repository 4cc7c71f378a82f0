"""Physicians: NPPES / CMS Doctors and Clinicians columns, with the CCN of an affiliated
hospital already in the registry."""

from __future__ import annotations

from typing import Any

from ...models import Entity, EntityKind
from .. import values as v
from .base import BatchResult, Column, FileProblem, Parsed
from .entities import EntityLayout, text_reader


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
    bulk = True
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
        "credential": ("credential", text_reader("Credential", max_length=40)),
        "specialty": ("specialty", text_reader("Specialty", max_length=120)),
        "city": ("city", text_reader("City", max_length=120)),
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

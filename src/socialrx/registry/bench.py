"""The registry pages `make bench` measures (see socialrx.core.benchmarks): each found in the
data being measured, so that the page shown is a real one with accounts."""

from __future__ import annotations

from socialrx.core.benchmarks import BenchPage

from .models import Entity, EntityKind

# Mayo Clinic Hospital, Rochester: the page measured before the bench existed, when present.
PREFERRED_CCN = "240010"


def hospital_page() -> str | None:
    hospitals = Entity.objects.filter(kind=EntityKind.HOSPITAL, has_account=True)
    ccn = hospitals.filter(ccn=PREFERRED_CCN).values_list("ccn", flat=True).first()
    ccn = ccn or hospitals.order_by("ccn").values_list("ccn", flat=True).first()
    return f"/registry/hospitals/{ccn}/" if ccn else None


def physician_page() -> str | None:
    physicians = Entity.objects.filter(kind=EntityKind.PHYSICIAN, has_account=True)
    npi = physicians.order_by("npi").values_list("npi", flat=True).first()
    return f"/registry/physicians/{npi}/" if npi else None


PAGES = [
    BenchPage("Registry search", "/registry/", order=30),
    BenchPage("Registry search, misspelt (q=mayo clinik)", "/registry/?q=mayo+clinik", order=31),
    BenchPage("Hospital page", hospital_page, order=32),
    BenchPage("Physician page", physician_page, order=33),
    BenchPage("Adoption dashboard", "/registry/adoption/", order=34),
    BenchPage("Leaderboards", "/registry/leaderboards/", order=35),
]

"""Every kind of import file the registry reads, by `ImportKind`."""

from __future__ import annotations

from .accounts import AccountLayout
from .base import BatchResult, ImportContext, Layout, Parsed
from .experience import (
    HcahpsHospitalLayout,
    HcahpsNationalLayout,
    HcahpsStateLayout,
    HvbpLayout,
)
from .health_systems import HealthSystemLayout
from .hospitals import HospitalLayout
from .organizations import OrganizationLayout
from .physicians import PhysicianLayout

LAYOUTS: dict[str, Layout] = {
    layout.kind: layout
    for layout in (
        HospitalLayout(),
        PhysicianLayout(),
        HealthSystemLayout(),
        OrganizationLayout(),
        AccountLayout(),
        HvbpLayout(),
        HcahpsHospitalLayout(),
        HcahpsStateLayout(),
        HcahpsNationalLayout(),
    )
}

__all__ = ["LAYOUTS", "BatchResult", "ImportContext", "Layout", "Parsed"]

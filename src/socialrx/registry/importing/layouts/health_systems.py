"""Health systems with their hospitals: AHRQ Compendium hospital linkage columns."""

from __future__ import annotations

from django.utils import timezone

from socialrx.core import audit

from ...classification import classify
from ...models import Entity, EntityKind
from .. import values as v
from .base import BatchResult, Column, ImportContext, Layout, Parsed
from .entities import apply_values, created_summary


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
            history.append(("registry.entity.created", system, {}, created_summary(system)))
            return system, True, False
        before, after = apply_values(system, data)
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

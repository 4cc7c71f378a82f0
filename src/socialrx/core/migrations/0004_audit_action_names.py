"""Audit actions are named `<app label>.<object>.<verb>`: rename the events already written.

Before, a seat in an organization and a paid membership were both `membership.*`, and
`invoice.*`, `payment.*` and `plan.*` named no app. A seat's target type follows its model's
new name (`organizations.OrgMembership` became `organizations.Seat`). The names are spelled
out, not imported: the migration keeps meaning what it meant when it was written."""

from django.db import migrations

ACTIONS = {
    "user.center_roles_changed": "accounts.user.center_roles_changed",
    "organization.created": "organizations.organization.created",
    "organization.updated": "organizations.organization.updated",
    "invitation.created": "organizations.invitation.created",
    "invitation.resent": "organizations.invitation.resent",
    "invitation.revoked": "organizations.invitation.revoked",
    # A seat in an organization.
    "membership.joined": "organizations.seat.joined",
    "membership.role_changed": "organizations.seat.role_changed",
    "membership.removed": "organizations.seat.removed",
    # An organization's paid membership of the network (its status changes included).
    "membership.activated_on_po": "membership.membership.activated_on_po",
    "membership.complimentary_granted": "membership.membership.complimentary_granted",
    "membership.cancelled": "membership.membership.cancelled",
    "membership.plan_changed": "membership.membership.plan_changed",
    "membership.renewal_band_changed": "membership.membership.renewal_band_changed",
    "membership.awaiting_payment": "membership.membership.awaiting_payment",
    "membership.active": "membership.membership.active",
    "membership.grace": "membership.membership.grace",
    "membership.lapsed": "membership.membership.lapsed",
    "membership_application.submitted": "membership.application.submitted",
    "membership_application.approved": "membership.application.approved",
    "membership_application.declined": "membership.application.declined",
    "plan.created": "membership.plan.created",
    "plan.updated": "membership.plan.updated",
    "payment.recorded": "membership.payment.recorded",
    "invoice.issued": "membership.invoice.issued",
    "invoice.voided": "membership.invoice.voided",
}

TARGET_TYPES = {
    "organizations.orgmembership": "organizations.seat",
}


def _rename(apps, actions: dict[str, str], target_types: dict[str, str]) -> None:
    AuditEvent = apps.get_model("core", "AuditEvent")
    for old, new in actions.items():
        AuditEvent.objects.filter(action=old).update(action=new)
    for old, new in target_types.items():
        AuditEvent.objects.filter(target_type=old).update(target_type=new)


def forwards(apps, schema_editor):
    _rename(apps, ACTIONS, TARGET_TYPES)


def backwards(apps, schema_editor):
    _rename(
        apps,
        {new: old for old, new in ACTIONS.items()},
        {new: old for old, new in TARGET_TYPES.items()},
    )


class Migration(migrations.Migration):
    # Core's own migrations only: the rows are text and need no app's schema, and the kernel
    # depends on no app (removing one must not break core's migrations).
    dependencies = [("core", "0003_failed_email")]

    operations = [migrations.RunPython(forwards, backwards)]

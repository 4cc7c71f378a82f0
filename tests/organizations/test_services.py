"""Use cases of organizations themselves: create and edit, with their identifiers and sizes.

Invitations and seats have their own modules (test_services_invitations.py,
test_services_memberships.py)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.core.permissions import allowed, org_roles
from socialrx.organizations import services
from socialrx.organizations.forms import OrganizationForm
from socialrx.organizations.models import Organization, Seat
from tests.factories import OrganizationFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

HOSPITAL = {
    "org_type": "hospital",
    "name": "Mercy General Hospital",
    "street_address": "4001 J Street",
    "city": "Sacramento",
    "state": "CA",
    "postal_code": "95819",
    "website": "https://www.mercy-example.org",
    "licensed_beds": 350,
    "cms_certification_number": "050017",
}
PRACTICE = {
    "org_type": "practice",
    "name": "Lakeside Family Physicians",
    "city": "Duluth",
    "state": "MN",
    "provider_count": 6,
    "npi": "1234567893",
}


def hospital(**changes):
    return {**HOSPITAL, **changes}


def practice(**changes):
    return {**PRACTICE, **changes}


def nothing_written() -> tuple[int, int, int]:
    return Organization.objects.count(), Seat.objects.count(), AuditEvent.objects.count()


# --- create ---------------------------------------------------------------------------------


def test_the_creator_of_an_organization_becomes_its_only_admin(user):
    organization = services.create_organization(creator=user, data=hospital())

    seats = list(organization.seats.values_list("user", "role"))
    assert seats == [(user.pk, "admin")]
    assert organization.created_by == user


def test_creating_an_organization_is_audited_with_its_values(user):
    organization = services.create_organization(creator=user, data=hospital())

    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.actor_email) == (
        "organizations.organization.created",
        user,
        user.email,
    )
    assert (event.target_type, event.target_id) == (
        "organizations.organization",
        str(organization.pk),
    )
    assert event.before == {}
    assert event.after == {
        "org_type": "hospital",
        "name": "Mercy General Hospital",
        "street_address": "4001 J Street",
        "city": "Sacramento",
        "state": "CA",
        "postal_code": "95819",
        "website": "https://www.mercy-example.org",
        "phone": "",  # not given
        "licensed_beds": 350,
        "hospital_count": None,
        "provider_count": None,
        "employee_count": None,
        "cms_certification_number": "050017",
        "npi": "",
    }


def test_the_creator_may_manage_the_new_organization_at_once(user):
    assert org_roles(user) == {}  # the roles are now cached on the user object

    organization = services.create_organization(creator=user, data=hospital())

    assert allowed(user, "organizations.manage_people", organization) is True


def test_names_and_cities_are_stored_without_surrounding_spaces(user):
    organization = services.create_organization(
        creator=user, data=hospital(name="  Mercy General Hospital ", city=" Sacramento  ")
    )

    assert (organization.name, organization.city) == ("Mercy General Hospital", "Sacramento")


def test_fields_that_are_not_part_of_the_profile_are_ignored(user):
    organization = services.create_organization(
        creator=user, data=hospital(public_id="not-a-uuid", created_by=None)
    )

    assert organization.created_by == user


def test_a_visitor_cannot_create_an_organization(db):
    with pytest.raises(PermissionDenied):
        services.create_organization(creator=AnonymousUser(), data=hospital())

    assert nothing_written() == (0, 0, 0)


def test_a_duplicate_name_in_the_same_city_is_refused_whatever_the_case(user):
    services.create_organization(creator=user, data=hospital())
    latecomer = UserFactory()

    with pytest.raises(DomainError) as refused:
        services.create_organization(
            creator=latecomer, data=hospital(name="MERCY general HOSPITAL", city="sacramento")
        )

    assert refused.value.message == (
        "An organization named “MERCY general HOSPITAL” already exists in sacramento, CA. "
        "Ask its admin to invite you."
    )
    assert refused.value.field == "name"
    assert nothing_written() == (1, 1, 1)
    assert latecomer.seats.count() == 0


def test_the_same_name_in_another_city_or_state_is_a_different_organization(user):
    services.create_organization(creator=user, data=hospital())
    services.create_organization(creator=user, data=hospital(city="Redding"))
    services.create_organization(creator=user, data=hospital(state="NV"))

    assert Organization.objects.filter(name="Mercy General Hospital").count() == 3


@pytest.mark.parametrize("ccn", ["05001", "0500177", "05-017", "05A01X", "050o17"])
def test_a_malformed_cms_certification_number_is_refused(user, ccn):
    with pytest.raises(DomainError) as refused:
        services.create_organization(creator=user, data=hospital(cms_certification_number=ccn))

    assert refused.value.field == "cms_certification_number"
    assert refused.value.message == (
        "A CMS certification number has 6 characters, for example 240010."
    )
    assert nothing_written() == (0, 0, 0)


@pytest.mark.parametrize("npi", ["12345", "12345678901", "123456789X", "1234567890"])
def test_a_malformed_npi_or_one_with_a_wrong_check_digit_is_refused(user, npi):
    with pytest.raises(DomainError) as refused:
        services.create_organization(creator=user, data=practice(npi=npi))

    assert refused.value.field == "npi"
    assert refused.value.message == (
        "An NPI has 10 digits and a valid check digit, for example 1234567893."
    )
    assert nothing_written() == (0, 0, 0)


def test_a_practice_with_a_valid_npi_is_created(user):
    organization = services.create_organization(creator=user, data=practice())

    assert (organization.npi, organization.size_summary) == ("1234567893", "6 providers")


@pytest.mark.parametrize("org_type", ["practice", "health_system", "other"])
def test_only_a_hospital_may_have_a_cms_certification_number(user, org_type):
    with pytest.raises(DomainError) as refused:
        services.create_organization(
            creator=user,
            data=practice(org_type=org_type, npi="", cms_certification_number="050017"),
        )

    assert (refused.value.field, refused.value.message) == (
        "cms_certification_number",
        "Only a hospital has a CMS certification number.",
    )
    assert nothing_written() == (0, 0, 0)


def test_only_a_practice_may_have_an_npi(user):
    with pytest.raises(DomainError) as refused:
        services.create_organization(creator=user, data=hospital(npi="1234567893"))

    assert (refused.value.field, refused.value.message) == (
        "npi",
        "Only a physician practice has an organization NPI.",
    )
    assert nothing_written() == (0, 0, 0)


@pytest.mark.parametrize("beds", [-5, 0])
def test_a_negative_or_zero_bed_count_is_refused(user, beds):
    with pytest.raises(DomainError) as refused:
        services.create_organization(creator=user, data=hospital(licensed_beds=beds))

    assert (refused.value.field, refused.value.message) == (
        "licensed_beds",
        "Ensure this value is greater than or equal to 1.",
    )
    assert nothing_written() == (0, 0, 0)


@pytest.mark.parametrize("field", ["hospital_count", "provider_count", "employee_count"])
def test_the_other_size_figures_must_be_at_least_one(user, field):
    with pytest.raises(DomainError) as refused:
        services.create_organization(creator=user, data=hospital(**{field: 0}))

    assert refused.value.field == field
    assert nothing_written() == (0, 0, 0)


def test_a_missing_name_is_refused_beside_the_name(user):
    with pytest.raises(DomainError) as refused:
        services.create_organization(creator=user, data=hospital(name="   "))

    assert (refused.value.field, refused.value.message) == ("name", "This field cannot be blank.")
    assert nothing_written() == (0, 0, 0)


# --- update ---------------------------------------------------------------------------------


def test_an_admin_updates_the_profile_and_the_change_is_audited_before_and_after(org_a):
    organization, admin, _ = org_a

    services.update_organization(
        actor=admin, organization=organization, data={"licensed_beds": 420, "postal_code": "55901"}
    )

    organization.refresh_from_db()
    assert (organization.licensed_beds, organization.postal_code) == (420, "55901")
    event = AuditEvent.objects.get()
    assert (event.action, event.actor) == ("organizations.organization.updated", admin)
    assert event.changes == [("licensed_beds", 350, 420), ("postal_code", "", "55901")]


def test_the_audit_keeps_the_stored_values_as_before_when_a_form_already_changed_the_instance(
    org_a,
):
    """A ModelForm writes the new values onto its instance while validating; the audit's
    "before" must still be what was stored."""
    organization, admin, _ = org_a
    old_name = organization.name
    form = OrganizationForm(
        {**_form_values(organization), "name": "Riverside Health"}, instance=organization
    )
    assert form.is_valid(), form.errors
    assert organization.name == "Riverside Health"  # the form changed the instance

    services.update_organization(actor=admin, organization=organization, data=form.cleaned_data)

    event = AuditEvent.objects.get(action="organizations.organization.updated")
    assert event.changes == [("name", old_name, "Riverside Health")]


def test_saving_an_unchanged_profile_writes_no_audit_row(org_a):
    organization, admin, _ = org_a

    services.update_organization(
        actor=admin, organization=organization, data={"name": organization.name}
    )

    assert AuditEvent.objects.count() == 0


def test_center_staff_may_update_any_organization(org_a, staff):
    organization, _, _ = org_a

    services.update_organization(actor=staff, organization=organization, data={"city": "Winona"})

    organization.refresh_from_db()
    assert organization.city == "Winona"
    assert AuditEvent.objects.get().actor == staff


@pytest.mark.parametrize("who", ["member", "other_admin", "coach"])
def test_people_who_are_not_its_admins_cannot_update_an_organization(org_a, org_b, coach, who):
    organization, _, member = org_a
    actor = {"member": member, "other_admin": org_b[1], "coach": coach}[who]

    with pytest.raises(PermissionDenied):
        services.update_organization(actor=actor, organization=organization, data={"city": "X"})

    organization.refresh_from_db()
    assert organization.city == "Rochester"
    assert AuditEvent.objects.count() == 0


def test_renaming_onto_another_organization_in_the_same_city_is_refused(org_a):
    organization, admin, _ = org_a
    OrganizationFactory(name="Saint Mary's Hospital", city="Rochester", state="MN")

    with pytest.raises(DomainError) as refused:
        services.update_organization(
            actor=admin, organization=organization, data={"name": "saint mary's hospital"}
        )

    assert refused.value.field == "name"
    assert Organization.objects.get(pk=organization.pk).name == "Riverside Regional Medical Center"
    assert AuditEvent.objects.count() == 0


def test_an_update_may_keep_its_own_name(org_a):
    organization, admin, _ = org_a

    services.update_organization(
        actor=admin, organization=organization, data={"name": organization.name.upper()}
    )

    assert Organization.objects.get(pk=organization.pk).name == organization.name.upper()


def test_changing_a_hospital_into_a_practice_requires_dropping_its_ccn(org_a):
    organization, admin, _ = org_a
    services.update_organization(
        actor=admin, organization=organization, data={"cms_certification_number": "240010"}
    )

    with pytest.raises(DomainError) as refused:
        services.update_organization(
            actor=admin, organization=organization, data={"org_type": "practice"}
        )

    assert refused.value.field == "cms_certification_number"
    assert Organization.objects.get(pk=organization.pk).org_type == "hospital"


def _form_values(organization) -> dict:
    initial = OrganizationForm(instance=organization).initial
    return {name: "" if value is None else value for name, value in initial.items()}

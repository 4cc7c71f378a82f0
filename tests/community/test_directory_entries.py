"""A person's own directory entry and an organization's entry: made only when saved, opt-in
(unlisted until ticked, gone from the directory when unticked), the shown organization one of
the person's own, a full name needed to be listed, plain text within its limits, audited with
before and after; an organization's entry is kept by its admins only."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from socialrx.community.models import DirectoryProfile, OrganizationEntry
from socialrx.community.services import directory as services
from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.taxonomy.models import Platform, Topic
from tests.community.directory_factories import make_org, make_org_entry
from tests.factories import SeatFactory, UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]

MY_ENTRY = reverse("community:my_entry")


@pytest.fixture
def world():
    riverbend = make_org("Riverbend Hospital")
    lakeview = make_org("Lakeview Clinic", org_type="practice")
    outside = make_org("Outside Health", member=False)
    person = UserFactory(full_name="Maya Lind", professional_title="Web editor")
    SeatFactory(organization=riverbend, user=person)
    SeatFactory(organization=outside, user=person)
    admin = SeatFactory(organization=riverbend, role="admin").user
    return {
        "riverbend": riverbend,
        "lakeview": lakeview,
        "outside": outside,
        "person": person,
        "admin": admin,
    }


def _data(world, **changes) -> dict:
    return {
        "is_listed": True,
        "role_title": "Web editor",
        "organization": world["riverbend"],
        "bio": "Hospital web and social.\nFormer reporter.",
        "platforms": list(Platform.objects.filter(code__in=["facebook", "youtube"])),
        "expertise": list(Topic.objects.filter(slug__in=["reputation"])),
        "accepts_messages": True,
    } | changes


# --- the services ---------------------------------------------------------------------------


def test_update_directory_entry_makes_the_entry_and_audits_it(world):
    profile = services.update_directory_entry(actor=world["person"], data=_data(world))

    assert (profile.is_listed, profile.role_title, profile.organization) == (
        True,
        "Web editor",
        world["riverbend"],
    )
    event = AuditEvent.objects.get(action="community.directory_entry.updated")
    assert event.before == {}
    assert event.after == {
        "is_listed": True,
        "role_title": "Web editor",
        "organization": "Riverbend Hospital",
        "bio": "Hospital web and social.\nFormer reporter.",
        "accepts_messages": True,
        "platforms": ["facebook", "youtube"],
        "expertise": ["reputation"],
    }


def test_update_directory_entry_records_before_and_after(world):
    services.update_directory_entry(actor=world["person"], data=_data(world))

    services.update_directory_entry(
        actor=world["person"], data=_data(world, is_listed=False, platforms=[])
    )

    event = AuditEvent.objects.filter(action="community.directory_entry.updated").latest("pk")
    assert (event.before["is_listed"], event.after["is_listed"]) == (True, False)
    assert (event.before["platforms"], event.after["platforms"]) == (["facebook", "youtube"], [])
    assert DirectoryProfile.objects.count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"organization": "lakeview"}, "organization", "Choose one of your own organizations."),
        ({"bio": "Colours \x1b[31m"}, "bio", "the control character U+001B"),
        ({"bio": "b" * 501}, "bio", "Keep this to 500 characters."),
        ({"role_title": "Editor\nin chief"}, "role_title", "a line break"),
    ],
)
def test_update_directory_entry_refuses_bad_input(world, changes, field, message):
    if changes.get("organization") == "lakeview":
        changes = {"organization": world["lakeview"]}

    with pytest.raises(DomainError) as refused:
        services.update_directory_entry(actor=world["person"], data=_data(world, **changes))

    assert refused.value.field == field
    assert message in refused.value.message
    assert DirectoryProfile.objects.count() == 0
    assert AuditEvent.objects.filter(action="community.directory_entry.updated").count() == 0


def test_a_person_without_a_name_is_not_listed(world):
    world["person"].full_name = ""
    world["person"].save(update_fields=["full_name"])

    with pytest.raises(DomainError, match="Add your full name"):
        services.update_directory_entry(actor=world["person"], data=_data(world))
    services.update_directory_entry(actor=world["person"], data=_data(world, is_listed=False))

    assert DirectoryProfile.objects.get().is_listed is False


def test_non_members_keep_no_entry(world):
    outsider = SeatFactory(organization=world["outside"]).user

    with pytest.raises(PermissionDenied):
        services.update_directory_entry(actor=outsider, data=_data(world, organization=None))


def test_update_organization_entry_is_for_its_admins_and_audited(world):
    data = {
        "is_listed": True,
        "description": "Three hospitals, one team.",
        "platforms": list(Platform.objects.filter(code="linkedin")),
    }
    with pytest.raises(PermissionDenied):
        services.update_organization_entry(
            actor=world["person"], organization=world["riverbend"], data=data
        )

    entry = services.update_organization_entry(
        actor=world["admin"], organization=world["riverbend"], data=data
    )

    assert (entry.is_listed, entry.description) == (True, "Three hospitals, one team.")
    event = AuditEvent.objects.get(action="community.organization_entry.updated")
    assert event.after == {
        "is_listed": True,
        "description": "Three hospitals, one team.",
        "platforms": ["linkedin"],
    }


# --- my entry page --------------------------------------------------------------------------


def test_the_page_offers_a_first_entry_without_making_one(client, world):
    client.force_login(world["person"])

    response = client.get(MY_ENTRY)

    assert response.status_code == 200
    form = response.context["form"]
    assert form["role_title"].value() == "Web editor"
    assert form["organization"].value() == world["riverbend"].pk
    assert form["accepts_messages"].value() is True
    assert form["is_listed"].value() is None
    assert [label for _, label in form.fields["organization"].choices] == [
        "None",
        "Outside Health",
        "Riverbend Hospital",
    ]
    assert DirectoryProfile.objects.count() == 0
    assert "You are not listed in the directory." in response.content.decode()


def test_listing_oneself_then_opting_out(client, world):
    client.force_login(world["person"])
    post = {
        "is_listed": "on",
        "role_title": "Web editor",
        "organization": world["riverbend"].pk,
        "bio": "Hospital web and social.",
        "platforms": [Platform.objects.get(code="facebook").pk],
        "accepts_messages": "on",
    }
    person_page = reverse("community:person", args=[world["person"].public_id])

    saved = client.post(MY_ENTRY, post)
    listed = client.get(reverse("community:directory")).context["page"].object_list
    shown = client.get(person_page).status_code
    client.post(MY_ENTRY, post | {"is_listed": ""})
    unlisted = client.get(reverse("community:directory")).context["page"].object_list

    assert saved.status_code == 302 and saved["Location"] == MY_ENTRY
    assert [profile.user.full_name for profile in listed] == ["Maya Lind"]
    assert shown == 200
    assert list(unlisted) == []
    assert client.get(person_page).status_code == 404
    assert "You are not listed in the directory." in client.get(MY_ENTRY).content.decode()


def test_another_organization_is_refused_beside_the_field(client, world):
    client.force_login(world["person"])

    response = client.post(MY_ENTRY, {"organization": world["lakeview"].pk, "is_listed": "on"})

    assert response.status_code == 400
    assert "Select a valid choice" in response.content.decode()
    assert DirectoryProfile.objects.count() == 0


def test_my_entry_is_for_members(client, world):
    assert client.get(MY_ENTRY).status_code == 302
    client.force_login(SeatFactory(organization=world["outside"]).user)
    assert client.get(MY_ENTRY).status_code == 403


# --- an organization's entry page -----------------------------------------------------------


def _organization_entry(world, which="riverbend") -> str:
    return reverse("community:organization_entry", args=[world[which].public_id])


def test_an_admin_lists_the_organization(client, world):
    client.force_login(world["admin"])
    facebook = Platform.objects.get(code="facebook")

    page = client.get(_organization_entry(world))
    saved = client.post(
        _organization_entry(world),
        {"is_listed": "on", "description": "We post daily.", "platforms": [facebook.pk]},
    )

    assert page.status_code == 200
    assert "<h1>Riverbend Hospital</h1>" in page.content.decode()
    assert saved.status_code == 302
    entry = OrganizationEntry.objects.get(organization=world["riverbend"])
    assert (entry.is_listed, entry.description) == (True, "We post daily.")
    assert [platform.code for platform in entry.platforms.all()] == ["facebook"]
    listed = client.get(reverse("community:directory"), {"show": "organizations"})
    assert [card.organization.name for card in listed.context["cards"]] == ["Riverbend Hospital"]


def test_a_description_too_long_is_refused(client, world):
    client.force_login(world["admin"])
    make_org_entry(world["riverbend"], description="Before.")

    response = client.post(_organization_entry(world), {"description": "d" * 601})

    assert response.status_code == 400
    assert "at most 600 characters" in response.content.decode()
    assert OrganizationEntry.objects.get().description == "Before."


def test_only_the_organizations_admins_keep_its_entry(client, world):
    assert client.get(_organization_entry(world)).status_code == 302
    client.force_login(world["person"])
    assert client.get(_organization_entry(world)).status_code == 404
    client.force_login(SeatFactory(organization=world["lakeview"], role="admin").user)
    assert client.get(_organization_entry(world)).status_code == 404

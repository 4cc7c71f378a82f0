"""Use cases of accounts: profile, center roles (audited) and personal API tokens."""

import hashlib

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from socialrx.accounts import services
from socialrx.accounts.models import ApiToken, User
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.models import AuditEvent
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def roles_of(user) -> list[str]:
    return User.objects.get(pk=user.pk).center_roles


# --- center roles ---------------------------------------------------------------------------


def test_staff_grant_a_center_role_and_the_grant_is_audited(staff, user):
    services.set_center_roles(actor=staff, user=user, roles={"coach", "researcher"})

    assert roles_of(user) == ["coach", "researcher"]
    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.target_type, event.target_id) == (
        "accounts.user.center_roles_changed",
        staff,
        "accounts.user",
        str(user.pk),
    )
    assert (event.before, event.after) == ({"roles": []}, {"roles": ["coach", "researcher"]})


def test_staff_withdraw_a_center_role_and_the_withdrawal_is_audited(staff, coach):
    services.set_center_roles(actor=staff, user=coach, roles=set())

    assert roles_of(coach) == []
    event = AuditEvent.objects.get()
    assert (event.before, event.after) == ({"roles": ["coach"]}, {"roles": []})


def test_granting_staff_opens_the_staff_role(staff, user):
    services.set_center_roles(actor=staff, user=user, roles={"staff"})

    assert User.objects.get(pk=user.pk).is_staff is True


def test_setting_the_roles_a_person_already_holds_writes_no_audit_row(staff, coach):
    services.set_center_roles(actor=staff, user=coach, roles={"coach"})

    assert AuditEvent.objects.count() == 0


@pytest.mark.parametrize("who", ["user", "coach", "researcher"])
def test_only_staff_may_grant_center_roles(request, who):
    actor = request.getfixturevalue(who)
    target = UserFactory()

    with pytest.raises(PermissionDenied):
        services.set_center_roles(actor=actor, user=target, roles={"staff"})

    assert roles_of(target) == []
    assert AuditEvent.objects.count() == 0


def test_staff_cannot_remove_their_own_staff_role(staff):
    with pytest.raises(DomainError) as refused:
        services.set_center_roles(actor=staff, user=staff, roles={"coach"})

    assert (refused.value.field, refused.value.message) == (
        "roles",
        "You cannot remove your own staff role.",
    )
    assert roles_of(staff) == ["staff"]
    assert AuditEvent.objects.count() == 0


def test_staff_may_add_roles_to_themselves(staff):
    services.set_center_roles(actor=staff, user=staff, roles={"staff", "researcher"})

    assert roles_of(staff) == ["staff", "researcher"]


def test_an_unknown_role_is_refused(staff, user):
    with pytest.raises(DomainError) as refused:
        services.set_center_roles(actor=staff, user=user, roles={"coach", "owner", "admin"})

    assert (refused.value.field, refused.value.message) == ("roles", "Unknown role: admin, owner.")
    assert roles_of(user) == []


# --- API tokens -----------------------------------------------------------------------------


def test_a_token_is_stored_only_as_its_hash(user):
    token, raw = services.create_api_token(user=user, name="  Monthly report  ")

    stored = ApiToken.objects.get(pk=token.pk)
    assert raw.startswith("srx_")
    assert stored.token_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert stored.token_prefix == raw[:10]
    assert stored.name == "Monthly report"
    assert raw not in {stored.token_hash, stored.token_prefix, stored.name}


def test_two_tokens_never_share_a_value(user):
    _, first = services.create_api_token(user=user, name="One")
    _, second = services.create_api_token(user=user, name="Two")

    assert first != second


def test_a_raw_token_leads_to_its_owner_and_records_its_use(user):
    token, raw = services.create_api_token(user=user, name="Script")
    before = timezone.now()

    assert services.user_for_api_token(raw) == user

    token.refresh_from_db()
    assert token.last_used_at >= before


def test_a_revoked_token_is_rejected(user):
    token, raw = services.create_api_token(user=user, name="Script")

    revoked = services.revoke_api_token(user=user, token_id=token.pk)

    assert revoked.revoked_at is not None
    assert revoked.is_active is False
    assert services.user_for_api_token(raw) is None


def test_a_token_cannot_be_revoked_twice(user):
    token, _ = services.create_api_token(user=user, name="Script")
    services.revoke_api_token(user=user, token_id=token.pk)

    with pytest.raises(NotFound) as refused:
        services.revoke_api_token(user=user, token_id=token.pk)

    assert refused.value.message == "Token not found."


def test_nobody_can_revoke_someone_elses_token(user):
    token, raw = services.create_api_token(user=user, name="Script")

    with pytest.raises(NotFound):
        services.revoke_api_token(user=UserFactory(), token_id=token.pk)

    assert services.user_for_api_token(raw) == user


@pytest.mark.parametrize(
    "raw", ["", "srx_", "srx_not-a-real-token", "Bearer srx_x", "not-prefixed-at-all"]
)
def test_a_bogus_token_leads_to_nobody(user, raw):
    services.create_api_token(user=user, name="Script")

    assert services.user_for_api_token(raw) is None


def test_the_token_of_a_deactivated_account_is_rejected(user):
    _, raw = services.create_api_token(user=user, name="Script")
    User.objects.filter(pk=user.pk).update(is_active=False)

    assert services.user_for_api_token(raw) is None


def test_a_person_may_hold_twenty_active_tokens_and_no_more(user):
    tokens = [services.create_api_token(user=user, name=f"Script {n}")[0] for n in range(20)]

    with pytest.raises(DomainError) as refused:
        services.create_api_token(user=user, name="One too many")

    assert (refused.value.field, refused.value.message) == (
        "name",
        "You have 20 active tokens. Revoke one first.",
    )
    assert user.api_tokens.count() == 20
    services.revoke_api_token(user=user, token_id=tokens[0].pk)
    services.create_api_token(user=user, name="Replacement")
    assert user.api_tokens.active().count() == 20


def test_the_token_limit_counts_each_person_separately(user):
    for n in range(20):
        services.create_api_token(user=user, name=f"Script {n}")

    token, _ = services.create_api_token(user=UserFactory(), name="Mine")

    assert token.pk is not None


@pytest.mark.parametrize("name", ["", "   ", None])
def test_a_token_needs_a_name(user, name):
    with pytest.raises(DomainError) as refused:
        services.create_api_token(user=user, name=name)

    assert (refused.value.field, refused.value.message) == (
        "name",
        "Give the token a name, such as “Reporting script”.",
    )
    assert ApiToken.objects.count() == 0


def test_a_token_name_is_at_most_eighty_characters(user):
    services.create_api_token(user=user, name="x" * 80)

    with pytest.raises(DomainError) as refused:
        services.create_api_token(user=user, name="x" * 81)

    assert refused.value.message == "Keep the name under 80 characters."
    assert ApiToken.objects.count() == 1


# --- profile --------------------------------------------------------------------------------


def test_a_person_updates_their_profile(user):
    services.update_profile(
        user=user,
        data={
            "full_name": "Dana Lee",
            "professional_title": "Chief Medical Officer",
            "credentials": "MD, MPH",
            "specialty": "Cardiology",
            "time_zone": "America/New_York",
        },
    )

    saved = User.objects.get(pk=user.pk)
    assert (
        saved.full_name,
        saved.professional_title,
        saved.credentials,
        saved.specialty,
        saved.time_zone,
    ) == ("Dana Lee", "Chief Medical Officer", "MD, MPH", "Cardiology", "America/New_York")
    assert saved.display_name == "Dana Lee, MD, MPH"


def test_a_profile_update_cannot_grant_roles_or_change_the_login(user):
    email = user.email

    services.update_profile(
        user=user,
        data={"full_name": "Dana Lee", "is_staff": True, "is_coach": True, "email": "x@y.org"},
    )

    saved = User.objects.get(pk=user.pk)
    assert (saved.full_name, saved.email, saved.center_roles) == ("Dana Lee", email, [])


def test_fields_left_out_of_a_profile_update_keep_their_values(user):
    services.update_profile(user=user, data={"specialty": "Oncology"})

    saved = User.objects.get(pk=user.pk)
    assert (saved.specialty, saved.professional_title) == ("Oncology", "Communications manager")


def test_clearing_the_photo_removes_it(user):
    User.objects.filter(pk=user.pk).update(photo="profile-photos/old.png")
    user.refresh_from_db()

    services.update_profile(user=user, data={"photo": False})

    assert User.objects.get(pk=user.pk).photo.name == ""

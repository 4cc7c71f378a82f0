"""Use cases of accounts: profile, center roles (audited) and personal API tokens."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.fields.files import FieldFile
from django.utils import timezone

from socialrx.core import audit
from socialrx.core.errors import DomainError, NotFound
from socialrx.core.permissions import require

from . import photos
from .models import ApiToken, CenterRole, User, hash_token

PROFILE_FIELDS = ["full_name", "professional_title", "credentials", "specialty", "time_zone"]
ROLE_FIELDS = {
    CenterRole.STAFF: "is_staff",
    CenterRole.COACH: "is_coach",
    CenterRole.RESEARCHER: "is_researcher",
}


@transaction.atomic
def update_profile(*, user: User, data: dict[str, Any]) -> User:
    for field in PROFILE_FIELDS:
        if field in data:
            setattr(user, field, data[field])
    photo = data.get("photo")
    if photo is False:  # the person ticked "clear"
        user.photo = ""
    elif photo and not isinstance(photo, FieldFile):  # a FieldFile: the stored one, kept
        # A new upload: checked and re-encoded by the form already, or here for other callers.
        try:
            user.photo = photos.prepare_photo(photo)
        except photos.PhotoError as error:
            raise DomainError(str(error), field="photo") from error
    user.full_clean(exclude=["password"])
    user.save()
    return user


@transaction.atomic
def set_center_roles(*, actor: User, user: User, roles: set[str]) -> User:
    """Staff grant or withdraw center roles. Each change is audited; staff cannot remove
    their own staff role (so the center never locks itself out by accident)."""
    require(actor, "accounts.grant_center_roles")
    unknown = set(roles) - set(CenterRole.values)
    if unknown:
        raise DomainError(f"Unknown role: {', '.join(sorted(unknown))}.", field="roles")
    if user.pk == actor.pk and CenterRole.STAFF not in roles:
        raise DomainError("You cannot remove your own staff role.", field="roles")
    user = User.objects.select_for_update().get(pk=user.pk)
    before = set(user.center_roles)
    for role, field in ROLE_FIELDS.items():
        setattr(user, field, role in roles)
    user.save(update_fields=list(ROLE_FIELDS.values()))
    after = set(user.center_roles)
    if before != after:
        audit.record(
            actor=actor,
            action="accounts.user.center_roles_changed",
            target=user,
            before={"roles": sorted(before)},
            after={"roles": sorted(after)},
        )
    return user


@transaction.atomic
def create_api_token(*, user: User, name: str) -> tuple[ApiToken, str]:
    """Returns the token and its raw value, which is shown once and never stored."""
    name = (name or "").strip()
    if not name:
        raise DomainError("Give the token a name, such as “Reporting script”.", field="name")
    if len(name) > 80:
        raise DomainError("Keep the name under 80 characters.", field="name")
    if user.api_tokens.active().count() >= 20:
        raise DomainError("You have 20 active tokens. Revoke one first.", field="name")
    raw = ApiToken.generate_raw()
    token = ApiToken.objects.create(
        user=user, name=name, token_prefix=raw[:10], token_hash=hash_token(raw)
    )
    return token, raw


@transaction.atomic
def revoke_api_token(*, user: User, token_id: int) -> ApiToken:
    token = ApiToken.objects.filter(user=user, pk=token_id, revoked_at__isnull=True).first()
    if token is None:
        raise NotFound("Token not found.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token


def user_for_api_token(raw: str) -> User | None:
    """The active user behind a raw token, or None. Records when the token was last used."""
    if not raw or not raw.startswith(ApiToken.PREFIX):
        return None
    token = (
        ApiToken.objects.active()
        .select_related("user")
        .filter(token_hash=hash_token(raw), user__is_active=True)
        .first()
    )
    if token is None:
        return None
    token.mark_used()
    return token.user

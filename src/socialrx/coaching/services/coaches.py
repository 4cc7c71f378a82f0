"""Coach profiles: made for an `is_coach` person (by the coach on their first visit, or by
staff), then kept by the coach or by staff.

A profile's time zone is an IANA place name (`slots.is_time_zone`): the coach's windows are on
that clock. Its offset from UTC is a whole number of half hours all year
(`slots.on_half_hour_offsets`): slots start on the hour and half hour, which in Kathmandu
(+5:45) or Eucla (+8:45) would fall at :15 and :45. The default meeting link is https only
(it is sent to clients). A photo is stored only after `photos.prepare_photo` accepted and
re-encoded it, and always with a description; a replaced or removed photo's file is deleted
once the change is committed. A new profile is not listed on the public page until someone
ticks "listed" (an empty profile is no advertisement)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.utils.text import slugify

from socialrx.core import audit
from socialrx.core.errors import Conflict, DomainError
from socialrx.core.permissions import allowed, require
from socialrx.organizations.models import OrganizationType

from ..models import CoachProfile
from ..photos import PhotoError, prepare_photo
from ..slots import is_time_zone, on_half_hour_offsets

TEXT_FIELDS = ("headline", "bio", "time_zone", "default_meeting_url", "photo_alt")
FLAGS = ("accepting_engagements", "is_listed")
LIMITS = {"headline": 160, "photo_alt": 200, "default_meeting_url": 200, "bio": 10_000}
DEFAULT_ZONE = "America/Chicago"

ALT_NEEDED = "Describe the photo for people who cannot see it."
HTTPS_ONLY = "Use a secure link that starts with https://."
NOT_A_ZONE = (
    "“{name}” is not a time zone we know: choose a place from the list, such as "
    "America/Denver (not an abbreviation such as EST)."
)
OFF_THE_GRID = (
    "{name} is not a whole number of half hours ahead of or behind UTC all year round. Slots "
    "start on the hour and half hour; choose the nearest city in a zone with such an offset."
)


def _require_editor(actor, coach) -> None:
    """The coach themself, or staff who manage coaches."""
    own = getattr(actor, "pk", None) == coach.pk and allowed(actor, "coaching.be_coach")
    if not own:
        require(actor, "coaching.manage_coaches")


def _unique_slug(coach) -> str:
    base = slugify(coach.full_name or coach.email.split("@")[0])[:70].strip("-") or "coach"
    taken = set(CoachProfile.objects.filter(slug__startswith=base).values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _snapshot(profile: CoachProfile) -> dict:
    return {name: getattr(profile, name) for name in TEXT_FIELDS + FLAGS} | {
        "slug": profile.slug,
        "photo": profile.photo.name if profile.photo else "",
        "organization_types": list(profile.organization_types),
        "platforms": [platform.code for platform in profile.platforms.all()],
        "topics": [topic.slug for topic in profile.topics.all()],
    }


@transaction.atomic(durable=True)
def create_profile(*, actor, coach) -> CoachProfile:
    """A profile for `coach` (an active `is_coach` person without one), unlisted, on the
    coach's own time zone when it is a known one."""
    _require_editor(actor, coach)
    if not (coach.is_coach and coach.is_active):
        raise DomainError(f"{coach} is not an active coach.", field="coach", code="not_a_coach")
    if CoachProfile.objects.filter(user=coach).exists():
        raise Conflict(f"{coach} already has a profile.", field="coach", code="exists")
    zone = coach.time_zone if on_half_hour_offsets(coach.time_zone) else DEFAULT_ZONE
    try:
        with transaction.atomic():  # a savepoint: two first visits at once make one profile
            profile = CoachProfile.objects.create(
                user=coach, slug=_unique_slug(coach), time_zone=zone, is_listed=False
            )
    except IntegrityError as error:
        raise Conflict(f"{coach} already has a profile.", field="coach", code="exists") from error
    audit.record(
        actor=actor,
        action="coaching.coach_profile.created",
        target=profile,
        after=_snapshot(profile),
    )
    return profile


def own_profile(*, actor) -> CoachProfile:
    """The signed-in coach's profile, made on their first visit."""
    require(actor, "coaching.be_coach")
    found = CoachProfile.objects.select_related("user").filter(user=actor).first()
    if found is not None:
        return found
    try:
        return create_profile(actor=actor, coach=actor)
    except Conflict:  # made by a request that ran at the same time
        return CoachProfile.objects.select_related("user").get(user=actor)


def _clean(data: dict) -> dict:
    values = {name: (data.get(name) or "").strip() for name in TEXT_FIELDS}
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            raise DomainError(f"Keep this to {limit} characters.", field=name)
    if not is_time_zone(values["time_zone"]):
        raise DomainError(NOT_A_ZONE.format(name=values["time_zone"]), field="time_zone")
    if not on_half_hour_offsets(values["time_zone"]):
        raise DomainError(OFF_THE_GRID.format(name=values["time_zone"]), field="time_zone")
    link = values["default_meeting_url"]
    if link:
        try:
            URLValidator(schemes=["https"])(link)
        except ValidationError as error:
            raise DomainError(HTTPS_ONLY, field="default_meeting_url") from error
    types = list(dict.fromkeys(data.get("organization_types") or ()))
    unknown = set(types) - set(OrganizationType.values)
    if unknown:
        raise DomainError(
            f"Unknown organization type: {', '.join(sorted(unknown))}.",
            field="organization_types",
        )
    values["organization_types"] = types
    values.update({name: bool(data.get(name)) for name in FLAGS})
    return values


def _photo(upload):
    if upload is None:
        return None
    try:
        return prepare_photo(upload)
    except PhotoError as error:
        raise DomainError(str(error), field="photo") from error


def _delete_on_commit(field_file, name: str) -> None:
    storage = field_file.storage
    transaction.on_commit(lambda: storage.delete(name))


@transaction.atomic(durable=True)
def update_profile(
    *, actor, profile: CoachProfile, data: dict, photo=None, remove_photo: bool = False
) -> CoachProfile:
    """Change the profile. `data`: TEXT_FIELDS, FLAGS, `organization_types` (codes),
    `platforms` and `topics` (taxonomy rows); `photo` replaces the photo, `remove_photo` takes
    it away."""
    profile = CoachProfile.objects.select_for_update().select_related("user").get(pk=profile.pk)
    _require_editor(actor, profile.user)
    values = _clean(data)
    prepared = _photo(photo)
    will_have_photo = prepared is not None or (bool(profile.photo) and not remove_photo)
    if will_have_photo and not values["photo_alt"]:
        raise DomainError(ALT_NEEDED, field="photo_alt")
    before = _snapshot(profile)
    old_photo = profile.photo.name if profile.photo else ""
    for name, value in values.items():
        setattr(profile, name, value)
    if prepared is None and remove_photo:
        profile.photo = ""
    profile.save()
    profile.platforms.set(data.get("platforms") or ())
    profile.topics.set(data.get("topics") or ())
    if prepared is not None:  # the file is written last: nothing after it can fail
        profile.photo.save(f"{profile.public_id}.{prepared.extension}", prepared, save=False)
        profile.save(update_fields=["photo"])
    if old_photo and (prepared is not None or remove_photo):
        _delete_on_commit(profile.photo, old_photo)
    audit.record(
        actor=actor,
        action="coaching.coach_profile.updated",
        target=profile,
        before=before,
        after=_snapshot(profile),
    )
    return profile

"""The people of the training demo: the center's staff and coach (the faculty and trainers),
and the demo organizations' people made by the organizations' demo.

Reads: "center_staff", "coach", "demo_hospital", "demo_health_system", "demo_practice", their
admins, and "demo_physician"; the other people by their fixed demo addresses."""

from __future__ import annotations

from dataclasses import dataclass

from socialrx.accounts.demo import demo_user
from socialrx.core.demo import DemoContext
from socialrx.organizations.demo import (
    LAKESIDE_MANAGER,
    LAKESIDE_PHYSICIAN,
    NORTH_STAR_SOCIAL,
    RIVERSIDE_NURSE,
)


@dataclass(frozen=True)
class Cast:
    staff: object  # Dana Whitfield, center staff
    coach: object  # Marcus Bell, coach: author of the courses, lead trainer
    hospital: object  # Riverside Regional Medical Center: an active member
    health_system: object  # North Star Health System: its application is pending
    practice: object  # Lakeside Family Physicians: its membership lapsed
    hospital_admin: object  # Karen Lindqvist (also on North Star's team)
    physician: object  # James Okafor, MD, Riverside's chief medical officer
    nurse: object  # Emily Sorensen, RN, Riverside
    system_admin: object  # Rachel Nguyen, North Star
    system_social: object  # Alex Moreno, North Star's social media manager
    practice_admin: object  # Sarah Whitman, MD, Lakeside
    practice_physician: object  # David Chen, MD, Lakeside
    practice_manager: object  # Olivia Hart, Lakeside

    def __getitem__(self, name: str):
        return getattr(self, name)


def cast_of(context: DemoContext) -> Cast:
    return Cast(
        staff=context.get("center_staff"),
        coach=context.get("coach"),
        hospital=context.get("demo_hospital"),
        health_system=context.get("demo_health_system"),
        practice=context.get("demo_practice"),
        hospital_admin=context.get("demo_hospital_admin"),
        physician=context.get("demo_physician"),
        nurse=demo_user(RIVERSIDE_NURSE),
        system_admin=context.get("demo_health_system_admin"),
        system_social=demo_user(NORTH_STAR_SOCIAL),
        practice_admin=context.get("demo_practice_admin"),
        practice_physician=demo_user(LAKESIDE_PHYSICIAN),
        practice_manager=demo_user(LAKESIDE_MANAGER),
    )

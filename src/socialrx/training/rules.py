"""Who may take, author, sell, teach and run training.

- Online courses: members of active member organizations enrol free; anyone who bought a
  course studies it; center staff and coaches (the faculty) author and review every course.
- Boot camps: any signed-in person registers themselves; an org admin registers the
  organization's people; staff and the boot camp's trainers keep the roster and attendance.
- On-site training: an org admin requests it and answers the proposal; staff run the pipeline.
- Certificates: anyone verifies a code; staff revoke."""

import rules

from socialrx.core.permissions import (
    declare,
    is_authenticated,
    is_center_staff,
    is_coach,
    is_org_admin,
    person_cache,
)
from socialrx.membership.selectors import may_read_member_content

is_faculty = is_center_staff | is_coach


@rules.predicate
def is_member(user) -> bool:
    return may_read_member_content(user)


@rules.predicate
def bought_course(user, course) -> bool:
    """The person holds a purchased (or faculty) enrolment in `course`."""
    if course is None or not getattr(user, "is_authenticated", False):
        return False

    def load() -> set[int]:
        from .models import Access, Enrolment  # noqa: PLC0415 - rules load before models are ready

        return set(
            Enrolment.objects.filter(
                person_id=user.pk, access__in=[Access.PURCHASED, Access.STAFF]
            ).values_list("course_id", flat=True)
        )

    return course.pk in person_cache(user, "training.bought_courses", load)


@rules.predicate
def teaches_boot_camp(user, boot_camp) -> bool:
    if boot_camp is None or not getattr(user, "is_authenticated", False):
        return False
    return boot_camp.trainers.filter(pk=user.pk).exists()


@rules.predicate
def admin_of_requesting_org(user, onsite_request) -> bool:
    if onsite_request is None or not getattr(user, "is_authenticated", False):
        return False
    return is_org_admin(user, onsite_request.organization)


declare(
    {
        # Courses
        "training.author_courses": is_faculty,
        "training.enrol_free": is_member | is_faculty,
        "training.study_course": is_member | is_faculty | bought_course,
        "training.buy_course": is_authenticated,
        "training.view_my_learning": is_authenticated,
        "training.view_org_learning": is_org_admin | is_center_staff,
        # Boot camps
        "training.register_boot_camp": is_authenticated,
        "training.register_colleagues": is_org_admin,
        "training.manage_boot_camps": is_center_staff,
        "training.keep_roster": is_center_staff | teaches_boot_camp,
        # On-site training
        "training.request_onsite": is_org_admin,
        "training.view_onsite": admin_of_requesting_org | is_center_staff,
        "training.answer_onsite": admin_of_requesting_org,
        "training.manage_onsite": is_center_staff,
        # Certificates and reports
        "training.revoke_certificate": is_center_staff,
        "training.view_reports": is_center_staff,
    }
)

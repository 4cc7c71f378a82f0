"""Training's rows of the permission matrix for the catalogue, a course's page, enrolling,
"continue", "My learning" and an organization's learning report (the lead merges them into
tests/training/matrix_rows.py).

The world: org A is a member organization (member A and admin A enrol free); org B is not
(admin B may neither enrol nor see org A's learning); faculty (coach, staff) enrol with faculty
access and see drafts; member A is enrolled in the published course."""

from __future__ import annotations

from functools import cached_property

from socialrx.membership.models import Membership
from socialrx.training.models import Course, Enrolment
from tests.permission_matrix_kit import (
    ALLOW,
    DONE,
    FORBIDDEN,
    NOT_FOUND,
    ORG_A_MANAGERS,
    POST_ONLY_GET,
    PUBLIC,
    SIGNED_IN,
    World,
    get,
    named,
    org_a,
    post,
    roles,
    signed_in,
)
from tests.training.factories import make_course, make_member

# Members of a member organization and faculty enrol; anyone else signed in is refused.
# (Member A is enrolled already: enrolling again is the same redirect.)
MAY_ENROL = signed_in(DONE, admin_b=FORBIDDEN, researcher=FORBIDDEN)
FACULTY_ONLY_PAGE = roles(NOT_FOUND, coach=ALLOW, staff=ALLOW)


class Data:
    """A published course member A is enrolled in, and a draft (mixed into `World`)."""

    @cached_property
    def learning_course(self: World) -> Course:
        if not Membership.objects.filter(organization=self.org_a).exists():
            make_member(self.org_a)
        course = make_course(
            title="Learning matrix course", slug="learning-matrix", price_cents=19_900
        )
        Enrolment.objects.create(
            course=course, person=self.member_a, access="member", lessons_total=3
        )
        return course

    @cached_property
    def learning_draft(self: World) -> Course:
        return make_course(title="Learning matrix draft", slug="learning-draft", published=False)


def _course(world) -> str:
    return world.learning_course.slug


def _draft(world) -> str:
    return world.learning_draft.slug


def _enrolled(world) -> bool:
    return Enrolment.objects.filter(
        course=world.learning_course, person_id=getattr(world.user, "pk", None)
    ).exists()


def _csv(world) -> str:
    return named("training:org_learning", org_a)(world) + "?format=csv"


ROWS = {
    "training:catalog": (get(named("training:catalog"), PUBLIC),),
    "training:course": (
        get(named("training:course", _course), PUBLIC, label="GET published"),
        get(named("training:course", _draft), FACULTY_ONLY_PAGE, label="GET draft"),
    ),
    "training:enrol": (
        get(named("training:enrol", _course), POST_ONLY_GET),
        post(named("training:enrol", _course), MAY_ENROL, effect=_enrolled),
    ),
    "training:continue": (
        # A learner goes to their lesson, anyone else back to the course page.
        get(named("training:continue", _course), signed_in(DONE)),
    ),
    "training:my_learning": (get(named("training:my_learning"), SIGNED_IN),),
    "training:org_learning": (
        get(named("training:org_learning", org_a), ORG_A_MANAGERS),
        get(_csv, ORG_A_MANAGERS, label="GET CSV"),
    ),
}

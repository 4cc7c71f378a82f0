"""An online course sold through billing (kind "training.course") to a person who is not a
member: members of active member organizations enrol free, so they pay nothing and there is
no member discount. One learner per purchase: an organization does not buy a course, each
learner buys their own (quantity 1).

Access, the rule:

- paid (`on_paid`): the buyer's enrolment is created, or their existing one upgraded, with
  purchased access (`Access.PURCHASED`); paying again changes nothing;
- voided (`on_void`) or fully refunded (`on_refund` once the line's refunds reach its amount):
  unless the buyer still holds another paid, not fully refunded purchase of the course, the
  purchased enrolment falls back to member access (`Access.MEMBER`). Nothing is deleted: the
  enrolment, its completed lessons and quiz attempts stay, so the person studies again as
  soon as their organization is a member, or when they buy the course again. A faculty
  enrolment (`Access.STAFF`) is never touched. A partial refund changes nothing.
"""

from __future__ import annotations

from django.utils import timezone

from socialrx.billing.models import InvoiceLine, InvoiceStatus
from socialrx.billing.sellables import Quote, SellableKind
from socialrx.core import audit
from socialrx.core.errors import DomainError
from socialrx.core.permissions import forget
from socialrx.membership.selectors import may_read_member_content
from socialrx.organizations.models import Organization

from ..models import Access, Course, CourseStatus, Enrolment
from .enrolment import BOUGHT_COURSES, lessons_in

CODE = "training.course"
NOT_FOR_SALE = "This course is not for sale."


def is_for_sale(course: Course) -> bool:
    """Published and priced by staff (a price of zero or none: members only)."""
    return (
        course.status == CourseStatus.PUBLISHED
        and course.published_version_id is not None
        and bool(course.price_cents)
    )


def _course(sold_public_id) -> Course | None:
    return Course.objects.filter(public_id=sold_public_id).first()


def quote_course(buyer, sold_public_id, quantity: int) -> Quote:
    course = _course(sold_public_id)
    if course is None or not is_for_sale(course):
        raise DomainError(NOT_FOR_SALE, field="item")
    if isinstance(buyer, Organization):
        raise DomainError(
            "Courses are bought per learner: each person buys the course in their own name "
            "(members of the network take it free).",
            field="buyer",
        )
    if quantity != 1:
        raise DomainError("A course is bought one learner at a time.", field="quantity")
    enrolment = Enrolment.objects.filter(course=course, person=buyer).first()
    if enrolment is not None and enrolment.access in (Access.PURCHASED, Access.STAFF):
        raise DomainError("You are already enrolled in this course.", field="item")
    if may_read_member_content(buyer):
        raise DomainError(
            "Members of the network take this course free: start it from the course page.",
            field="item",
        )
    return Quote(
        description=f"Online course: {course.title}",
        unit_price_cents=course.price_cents,
        quantity=1,
    )


def course_paid(line) -> None:
    """The buyer studies the course: enrolled with purchased access (once)."""
    course = _course(line.sold_public_id)
    person = line.invoice.person
    if course is None or person is None:
        return
    enrolment = Enrolment.objects.select_for_update().filter(course=course, person=person).first()
    if enrolment is None:
        enrolment = Enrolment.objects.create(
            course=course,
            person=person,
            access=Access.PURCHASED,
            lessons_total=lessons_in(course),
            last_activity_at=timezone.now(),
        )
        before = {}
    elif enrolment.access == Access.MEMBER:
        before = {"access": enrolment.access}
        enrolment.access = Access.PURCHASED
        enrolment.save(update_fields=["access"])
    else:
        return  # already purchased (or faculty): paying again changes nothing
    audit.record(
        actor=None,
        action="training.enrolment.purchased",
        target=enrolment,
        before=before,
        after={"access": Access.PURCHASED, "invoice": line.invoice.number},
    )
    forget(person, BOUGHT_COURSES)


def _still_bought_elsewhere(line, course: Course, person) -> bool:
    """Another paid purchase of the course by the same person, not fully refunded."""
    others = InvoiceLine.objects.filter(
        kind=CODE,
        sold_public_id=course.public_id,
        invoice__person=person,
        invoice__status=InvoiceStatus.PAID,
    ).exclude(pk=line.pk)
    return any(other.refunded_cents < other.amount_cents for other in others)


def _revoke(line, reason: str) -> None:
    course = _course(line.sold_public_id)
    person = line.invoice.person
    if course is None or person is None:
        return
    enrolment = Enrolment.objects.select_for_update().filter(course=course, person=person).first()
    if enrolment is None or enrolment.access != Access.PURCHASED:
        return
    if _still_bought_elsewhere(line, course, person):
        return
    enrolment.access = Access.MEMBER
    enrolment.save(update_fields=["access"])
    audit.record(
        actor=None,
        action="training.enrolment.purchase_revoked",
        target=enrolment,
        before={"access": Access.PURCHASED},
        after={"access": Access.MEMBER, "reason": reason, "invoice": line.invoice.number},
    )
    forget(person, BOUGHT_COURSES)


def course_voided(line) -> None:
    _revoke(line, "Invoice voided")


def course_refunded(line, amount_cents: int) -> None:
    if line.refunded_cents >= line.amount_cents:
        _revoke(line, "Refunded")


COURSE_KIND = SellableKind(
    code=CODE,
    label="Online course",
    quote=quote_course,
    on_paid=course_paid,
    on_void=course_voided,
    on_refund=course_refunded,
    max_quantity=1,
)

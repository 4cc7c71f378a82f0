"""What the training journeys share: the stubbed card provider and its signed webhook, the
page checks (axe, the phone screen, a screenshot), and the people and courses of the world.

The rows are made with the training tests' factories and the real services; the live server
runs in the test's process, so it sees them."""

from __future__ import annotations

import urllib.request
from contextlib import contextmanager
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.conf import settings
from django.urls import reverse
from playwright.sync_api import Page

from socialrx.billing import payment_providers
from socialrx.billing.models import Invoice
from socialrx.billing.payment_providers import StripeCheckout
from socialrx.billing.services.checkout import Item, checkout
from socialrx.billing.services.payments import record_manual_payment
from socialrx.core.calendar import center_today
from socialrx.taxonomy.models import Platform, Topic
from socialrx.taxonomy.vocabulary import load
from socialrx.training.models import BootCamp, Certificate, Course, Enrolment, QuizAttempt
from socialrx.training.services import boot_camp_registration, enrolment, progress, quizzes
from socialrx.training.services import onsite as onsite_services
from tests.billing.stripe_stub import CHECKOUT_URL, StubStripeHTTP
from tests.billing.webhook_signing import checkout_completed, stripe_signature
from tests.training import lesson_kit
from tests.training.factories import make_boot_camp, make_course, member_org

from .browser import assert_accessible, assert_fits_the_screen, screenshot

WEBHOOK_SECRET = "whsec_training_journey"
CENTER = ZoneInfo(settings.TIME_ZONE)


def restore_vocabulary() -> None:
    """The topics and platforms the data migration loads (tests/conftest.py puts them back
    before every transactional test; a test that empties the database itself calls this)."""
    load(Topic, Platform)


def look(page: Page, name: str, *, fits: bool = True) -> None:
    """axe clean, nothing wider than the screen, and a screenshot named after the width."""
    width = page.viewport_size["width"]
    assert_accessible(page, context=f"{name}, {width}px wide")
    if fits:
        assert_fits_the_screen(page)
    screenshot(page, f"training-{name}-{width}")


@contextmanager
def stubbed_stripe():
    """Stripe with its HTTP stubbed, as the card provider for the block only."""
    http = StubStripeHTTP()
    payment_providers.use_provider_for_tests(
        StripeCheckout(
            secret_key="sk_test_training_journey", webhook_secret=WEBHOOK_SECRET, http_client=http
        )
    )
    try:
        yield http
    finally:
        payment_providers.use_provider_for_tests(None)


def deliver_webhook(base_url: str, invoice: Invoice, *, event_id: str) -> None:
    """What Stripe does once the card is charged: a signed POST to the webhook."""
    payload = checkout_completed(event_id=event_id, invoice=invoice)
    request = urllib.request.Request(
        f"{base_url}/webhooks/stripe/",
        data=payload,
        headers={
            "Content-Type": "application/json",
            "Stripe-Signature": stripe_signature(payload, WEBHOOK_SECRET),
        },
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - live server
        assert response.status == 200


def route_hosted_checkout(page: Page, base_url: str, stripe_http, find_invoice, *, event_id: str):
    """Draw the provider's hosted page in place of the redirect to it: Playwright cannot
    intercept the redirect's target, so the checkout POST is sent here, the signed webhook is
    delivered (the provider confirms the charge), and a page links back to SocialRx."""

    def hosted_checkout(route):
        if route.request.method != "POST":
            route.fallback()
            return
        sent = route.fetch(max_redirects=0)
        assert sent.status == 302, f"the checkout answered {sent.status}: {sent.text()[:2000]}"
        assert sent.headers["location"] == CHECKOUT_URL
        deliver_webhook(base_url, find_invoice(), event_id=event_id)
        success_url = stripe_http.last_params["success_url"]
        route.fulfill(
            content_type="text/html",
            body=f'<html lang="en"><title>Test checkout</title><main><h1>Payment complete</h1>'
            f'<a href="{success_url}">Return to SocialRx</a></main></html>',
        )

    page.route("**/billing/checkout/**", hosted_checkout)


# --- the accessibility sweep's world ----------------------------------------------------------


def training_sweep_world(*, staff, coach) -> dict:
    """Every training page with something on it, made through the services: a member who
    completed a course (a quiz failed, then passed, a certificate) and has an open attempt in
    another, an org admin with a paid boot camp seat for a colleague and an on-site request
    with a proposal, and staff. Returns the people and the pages, by audience."""

    restore_vocabulary()
    organization, admin, member = member_org()
    course = make_course(title="Starting a hospital Facebook page safely")
    other = make_course(title="X for physicians", slug="x-for-physicians")
    first, second, quiz = lesson_kit.lessons_of(course)

    # The member completes the first course: a quiz failed, then passed.
    taken = enrolment.enrol(member, course)
    for lesson in (first, second):
        progress.complete_lesson(member, taken, lesson.key)
    failed = quizzes.start_attempt(member, taken, quiz)
    quizzes.submit_attempt(member, failed, lesson_kit.all_wrong(failed))
    passed = quizzes.start_attempt(member, taken, quiz)
    quizzes.submit_attempt(member, passed, lesson_kit.all_right(passed))
    certificate = Certificate.objects.get(person=member)
    # ... and is half-way through the second, its quiz open.
    taking = enrolment.enrol(member, other)
    other_first, _other_second, other_quiz = lesson_kit.lessons_of(other)
    progress.complete_lesson(member, taking, other_first.key)
    open_attempt = quizzes.start_attempt(member, taking, other_quiz)

    # The org admin's colleague has a paid seat at a boot camp the coach teaches.
    camp = make_boot_camp(trainers=[coach])
    booking = boot_camp_registration.book(admin, camp, [member], organization=organization)
    invoice = checkout(
        actor=admin,
        buyer=organization,
        items=[Item("training.seat", booking.public_id, 1)],
        pay_by="invoice",
        billing_name="Accounts payable",
        billing_email="ap@riverside-rmc.example",
    )
    record_manual_payment(
        actor=staff,
        invoice=invoice,
        amount_cents=invoice.total_cents,
        method="check",
        reference="Check 2201",
        received_on=center_today(),
    )

    # An on-site request with the center's proposal.
    today = center_today()
    onsite = onsite_services.request_onsite(
        actor=admin,
        organization=organization,
        topics=list(Topic.objects.filter(slug__in=["crisis-response", "hipaa-privacy"])),
        audience="Marketing team and nurse managers",
        expected_attendees=25,
        preferred_dates=[today + timedelta(days=days) for days in (40, 47, 54)],
        address="1200 Second Street SW\nRochester, MN 55902",
        needs="A projector and a wheelchair-accessible room.",
    )
    starts = datetime.combine(today + timedelta(days=47), time(9), tzinfo=CENTER)
    onsite_services.propose_onsite(
        actor=staff,
        onsite=onsite,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        trainers=[coach],
        quote_cents=450_000,
        note="Lunch is on us.",
    )

    def lesson(of, key) -> str:
        return reverse("training:lesson", args=[of.slug, key])

    def attempt(of, key, made) -> str:
        return reverse("training:quiz_attempt", args=[of.slug, key, made.public_id])

    org, code = organization.public_id, certificate.code
    day = camp.days.order_by("starts_at").first()
    return {
        "admin": admin,
        "member": member,
        "public": [
            reverse("training:catalog"),
            reverse("training:catalog") + "?q=facebook&format=course",
            reverse("training:course", args=[course.slug]),
            lesson(course, first.key),  # the free preview
            reverse("training:boot_camp", args=[camp.slug]),
            reverse("training:certificate_lookup"),
            reverse("training:certificate_verify", args=[code]),
        ],
        "public_not_found": [reverse("training:certificate_verify", args=["SRX-0000-0000-0000"])],
        "member_pages": [
            reverse("training:my_learning"),
            reverse("training:my_certificates"),
            reverse("training:course", args=[course.slug]),
            reverse("training:course", args=[other.slug]),
            lesson(other, other_first.key),
            lesson(course, quiz.key),
            attempt(other, other_quiz.key, open_attempt),
            attempt(course, quiz.key, failed),
            attempt(course, quiz.key, passed),
            reverse("training:boot_camp", args=[camp.slug]),
            reverse("training:boot_camp_register", args=[camp.slug]),
        ],
        "admin_pages": [
            reverse("training:onsite_list"),
            reverse("training:onsite_new"),
            reverse("training:onsite_detail", args=[onsite.public_id]),
            reverse("training:org_learning", args=[org]),
            reverse("training:boot_camp", args=[camp.slug]),
            reverse("training:boot_camp_register", args=[camp.slug]) + f"?for={org}",
        ],
        "staff_pages": [
            reverse("training:staff_onsite"),
            reverse("training:staff_onsite") + "?status=proposed",
            reverse("training:staff_onsite_detail", args=[onsite.public_id]),
            reverse("training:staff_courses"),
            reverse("training:staff_course_new"),
            reverse("training:staff_course_edit", args=[course.slug]),
            reverse("training:staff_course_content", args=[course.slug]),
            reverse("training:staff_course_preview", args=[course.slug]),
            reverse("training:staff_boot_camps"),
            reverse("training:staff_boot_camp_new"),
            reverse("training:staff_boot_camp_edit", args=[camp.slug]),
            reverse("training:staff_boot_camp_days", args=[camp.slug]),
            reverse("training:staff_roster", args=[camp.slug]),
            reverse("training:staff_attendance", args=[camp.slug, day.pk]),
            reverse("training:staff_certificates"),
            reverse("training:staff_completions"),
        ],
    }


# --- the screenshots' pages on the demo data (tests/e2e/test_screenshots.py) -------------------


def screenshot_pages() -> dict[str, list[tuple[str, str]]]:
    """Training's main pages on the demo data: who looks (email, "" for a visitor) →
    [(screenshot name, path)]. The people are found by what they did (a quiz failed, then
    passed; a course in progress), so the demo may rename them."""

    course = Course.objects.filter(status="published").order_by("title").first()
    failed = (
        QuizAttempt.objects.select_related("enrolment__course", "enrolment__person")
        .filter(submitted_at__isnull=False, passed=False)
        .order_by("pk")
        .first()
    )
    learner = failed.enrolment.person
    studying = (
        Enrolment.objects.select_related("course", "person")
        .filter(completed_at__isnull=True)
        .exclude(last_lesson_key=None)
        .order_by("pk")
        .first()
    )
    camp = BootCamp.objects.filter(status="published").order_by("pk").first()
    certificate = Certificate.objects.filter(revoked_at=None, kind="course").order_by("pk").first()
    attempt_args = [failed.enrolment.course.slug, failed.lesson_key, failed.public_id]
    return {
        "": [
            ("training-catalogue", reverse("training:catalog")),
            ("training-course", reverse("training:course", args=[course.slug])),
            ("training-boot-camp", reverse("training:boot_camp", args=[camp.slug])),
            (
                "training-certificate-verify",
                reverse("training:certificate_verify", args=[certificate.code]),
            ),
        ],
        learner.email: [
            ("training-my-learning", reverse("training:my_learning")),
            ("training-my-certificates", reverse("training:my_certificates")),
            ("training-quiz-result", reverse("training:quiz_attempt", args=attempt_args)),
        ],
        studying.person.email: [
            (
                "training-lesson",
                reverse("training:lesson", args=[studying.course.slug, studying.last_lesson_key]),
            ),
        ],
        "dana.whitfield@socialrx.example": [
            ("training-staff-onsite", reverse("training:staff_onsite")),
        ],
    }

"""Claims: a person says they represent a registry entity. An email address at the entity's
website domain verifies the claim at once; otherwise center staff approve or reject it, and
the claimant is emailed. A verified claimant (or an admin of the organization the entity is
linked to) then manages the entity's accounts."""

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.core.permissions import allowed
from socialrx.registry.models import Claim, ClaimMethod, ClaimStatus, Entity
from socialrx.registry.services.claims import (
    approve_claim,
    claim_entity,
    email_matches_domain,
    reject_claim,
    website_domain,
)
from tests.factories import SeatFactory, UserFactory
from tests.registry.factories import ClaimFactory, EntityFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

MAYO = "https://www.mayoclinic.org"


def person(email: str, *, also: tuple[tuple[str, bool], ...] = ()):
    """A person whose primary (verified) address is `email`, with more (address, verified)."""
    someone = UserFactory(email=email)
    for address, verified in also:
        EmailAddress.objects.create(user=someone, email=address, verified=verified)
    return someone


def claim(actor, entity, **kwargs) -> Claim:
    return claim_entity(
        actor=actor, entity=entity, job_title=kwargs.pop("job_title", "Director"), **kwargs
    )


def refusal(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call(**kwargs)
    return refused.value


def fresh(user):
    """The person as a new request would load them (no permission caches)."""
    return type(user).objects.get(pk=user.pk)


def claim_url(entity) -> str:
    return reverse("registry:claim", args=[entity.kind_slug, entity.key])


def accounts_url(entity) -> str:
    return reverse("registry:accounts", args=[entity.kind_slug, entity.key])


def messages_of(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request)]


# --- the domain rule ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("website", "domain"),
    [
        ("https://www.mayoclinic.org", "mayoclinic.org"),
        ("http://WWW.MayoClinic.org/", "mayoclinic.org"),
        ("https://rochester.mayoclinic.org:8443", "rochester.mayoclinic.org"),
        ("https://mayoclinic.org.", "mayoclinic.org"),
        ("https://www.mayoclinic.org/?utm_source=x", "mayoclinic.org"),
        # A page on a site proves nothing about the listing (va.gov/minneapolis-health-care).
        ("http://WWW.MayoClinic.org/about/", ""),
        ("https://www.va.gov/minneapolis-health-care/", ""),
        ("https://www.facebook.com/MayoClinic", ""),
        ("", ""),
    ],
)
def test_the_website_domain_ignores_www_case_and_port_and_refuses_pages(website, domain):
    assert website_domain(website) == domain


@pytest.mark.parametrize(
    ("email", "domain", "matches"),
    [
        ("jane@mayoclinic.org", "mayoclinic.org", True),
        ("Jane@MayoClinic.ORG", "mayoclinic.org", True),
        ("jane@comms.mayoclinic.org", "mayoclinic.org", True),
        ("jane@mayoclinic.org", "rochester.mayoclinic.org", False),
        ("jane@notmayoclinic.org", "mayoclinic.org", False),
        ("jane@mayoclinic.org.example.com", "mayoclinic.org", False),
        ("jane@gmail.com", "gmail.com", False),
        ("jane@outlook.com", "blog.outlook.com", False),
        ("jane@localhost", "localhost", False),
        ("jane@mayoclinic.org", "", False),
        ("not-an-address", "mayoclinic.org", False),
    ],
)
def test_an_address_matches_the_domain_and_its_subdomains_but_never_free_mail(
    email, domain, matches
):
    assert email_matches_domain(email, domain) is matches


# --- claiming -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("website", "email"),
    [
        ("https://medicine.yale.edu", "student@yale.edu"),
        ("https://www.va.gov/minneapolis-health-care/", "clerk@va.gov"),
        ("https://www.healthgrades.com/physician/dr-jane-doe", "intern@healthgrades.com"),
    ],
    ids=["parent-domain", "page-on-a-shared-site", "directory-profile"],
)
def test_an_address_that_does_not_single_out_the_listing_leaves_the_claim_to_staff(website, email):
    made = claim(person(email), EntityFactory(website=website), job_title="Communications")

    assert (made.status, made.method) == (ClaimStatus.PENDING, ClaimMethod.STAFF_REVIEW)


def test_a_website_two_listings_share_leaves_the_claim_to_staff():
    EntityFactory(website="https://www.stbrigid-health.example")
    hospital = EntityFactory(website="https://stbrigid-health.example/")

    made = claim(person("lead@stbrigid-health.example"), hospital, job_title="Communications")

    assert (made.status, made.method) == (ClaimStatus.PENDING, ClaimMethod.STAFF_REVIEW)


@pytest.mark.parametrize(
    ("website", "email"),
    [
        (MAYO, "jane@mayoclinic.org"),
        (MAYO, "jane@comms.mayoclinic.org"),
        ("https://mayoclinic.org", "jane@mayoclinic.org"),
        ("http://www.MAYOCLINIC.org/", "jane@MayoClinic.org"),
    ],
    ids=["exact", "subdomain-address", "no-www", "case"],
)
def test_a_claim_is_verified_at_once_by_a_verified_address_at_the_website_domain(website, email):
    entity = EntityFactory(website=website)
    jane = person(email)

    made = claim(jane, entity, job_title="  Director of Communications ", message=" Hello ")

    assert (made.status, made.method, made.matched_email, made.claimant) == (
        ClaimStatus.VERIFIED,
        ClaimMethod.EMAIL_DOMAIN,
        email,
        jane,
    )
    assert (made.job_title, made.message) == ("Director of Communications", "Hello")
    assert made.decided_at is not None
    assert made.decided_by is None


def test_any_verified_address_of_the_person_counts_not_only_the_primary_one():
    entity = EntityFactory(website=MAYO)
    jane = person("jane.doe@gmail.com", also=(("jdoe@mayoclinic.org", True),))

    made = claim(jane, entity)

    assert (made.status, made.matched_email) == (ClaimStatus.VERIFIED, "jdoe@mayoclinic.org")


def test_an_unverified_address_at_the_domain_does_not_count():
    entity = EntityFactory(website=MAYO)
    jane = person("jane.doe@gmail.com", also=(("jdoe@mayoclinic.org", False),))

    made = claim(jane, entity)

    assert (made.status, made.method, made.matched_email) == (
        ClaimStatus.PENDING,
        ClaimMethod.STAFF_REVIEW,
        "",
    )
    assert made.decided_at is None


def test_a_free_mail_address_never_verifies_even_when_the_website_is_on_that_domain():
    entity = EntityFactory(website="https://www.gmail.com/stmarys")
    jane = person("stmarys.hospital@gmail.com")

    assert claim(jane, entity).status == ClaimStatus.PENDING


def test_an_address_at_a_lookalike_domain_does_not_verify():
    entity = EntityFactory(website=MAYO)

    assert claim(person("jane@notmayoclinic.org"), entity).status == ClaimStatus.PENDING


def test_a_listing_without_a_website_is_claimed_for_staff_review():
    entity = EntityFactory(website="")

    made = claim(person("jane@mayoclinic.org"), entity)

    assert (made.status, made.method) == (ClaimStatus.PENDING, ClaimMethod.STAFF_REVIEW)


@pytest.mark.parametrize("job_title", ["", "   ", None])
def test_a_claim_needs_the_claimants_role_and_nothing_is_written_without_it(job_title):
    entity = EntityFactory(website=MAYO)
    jane = person("jane@mayoclinic.org")

    error = refusal(claim_entity, actor=jane, entity=entity, job_title=job_title)

    assert (error.field, error.message) == ("job_title", "Say what your role is there.")
    assert Claim.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_visitor_cannot_claim():
    entity = EntityFactory(website=MAYO)

    with pytest.raises(PermissionDenied):
        claim(AnonymousUser(), entity)
    assert Claim.objects.count() == 0


def test_a_second_claim_while_one_waits_is_refused():
    entity = EntityFactory(website="")
    jane = person("jane@mayoclinic.org")
    claim(jane, entity)

    error = refusal(claim, actor=jane, entity=entity)

    assert error.message == f"Your claim on {entity.display_name} is waiting for review."
    assert Claim.objects.count() == 1


def test_a_second_claim_after_verification_is_refused():
    entity = EntityFactory(website=MAYO)
    jane = person("jane@mayoclinic.org")
    claim(jane, entity)

    error = refusal(claim, actor=jane, entity=entity)

    assert error.message == f"Your claim on {entity.display_name} is already verified."
    assert Claim.objects.count() == 1


def test_a_rejected_claim_may_be_made_again(staff):
    entity = EntityFactory(website="")
    jane = person("jane@mayoclinic.org")
    reject_claim(actor=staff, claim=claim(jane, entity), note="We could not reach you.")

    again = claim(jane, entity)

    assert again.status == ClaimStatus.PENDING
    assert Claim.objects.filter(entity=entity, claimant=jane).count() == 2


def test_the_database_holds_one_open_claim_per_person_and_entity():
    first = ClaimFactory(status=ClaimStatus.PENDING)

    with pytest.raises(IntegrityError), transaction.atomic():
        ClaimFactory(entity=first.entity, claimant=first.claimant, status=ClaimStatus.VERIFIED)
    ClaimFactory(entity=first.entity, claimant=first.claimant, status=ClaimStatus.REJECTED)

    assert Claim.objects.filter(entity=first.entity).count() == 2


def test_others_may_claim_the_same_entity():
    entity = EntityFactory(website=MAYO)

    claim(person("jane@mayoclinic.org"), entity)
    claim(person("john@mayoclinic.org"), entity)

    assert Claim.objects.filter(entity=entity, status=ClaimStatus.VERIFIED).count() == 2


def test_a_verified_claim_is_audited_with_the_matching_address():
    entity = EntityFactory(website=MAYO)
    jane = person("jane@mayoclinic.org")

    made = claim(jane, entity)

    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.target_type, event.target_id) == (
        "registry.claim.verified",
        jane,
        "registry.claim",
        str(made.pk),
    )
    assert event.after == {
        "entity": entity.name,
        "method": "email_domain",
        "email": "jane@mayoclinic.org",
    }


def test_a_claim_for_review_is_audited_as_submitted():
    entity = EntityFactory(website="")
    jane = person("jane@mayoclinic.org")

    claim(jane, entity)

    assert list(AuditEvent.objects.values_list("action", flat=True)) == ["registry.claim.submitted"]


# --- the organization link ------------------------------------------------------------------


def test_a_verified_claim_naming_the_claimants_organization_links_the_entity(org_a):
    organization, admin, _ = org_a
    EmailAddress.objects.create(user=admin, email="admin@mayoclinic.org", verified=True)
    entity = EntityFactory(website=MAYO)

    made = claim(admin, entity, organization=organization)

    entity.refresh_from_db()
    assert (made.status, made.organization, entity.organization) == (
        ClaimStatus.VERIFIED,
        organization,
        organization,
    )
    link = AuditEvent.objects.get(action="registry.entity.updated")
    assert (link.target_type, link.target_id, link.before, link.after) == (
        "registry.entity",
        str(entity.pk),
        {"organization": ""},
        {"organization": organization.name, "via": f"claim:{made.public_id}"},
    )


def test_a_second_organizations_matching_claim_on_a_linked_entity_goes_to_staff(org_a, org_b):
    first_org, first_admin, _ = org_a
    second_org, second_admin = org_b
    EmailAddress.objects.create(user=first_admin, email="a@mayoclinic.org", verified=True)
    EmailAddress.objects.create(user=second_admin, email="b@mayoclinic.org", verified=True)
    entity = EntityFactory(website=MAYO)
    claim(first_admin, entity, organization=first_org)

    second = claim(second_admin, entity, organization=second_org)

    entity.refresh_from_db()
    assert (second.status, second.method) == (ClaimStatus.PENDING, ClaimMethod.STAFF_REVIEW)
    assert entity.organization == first_org


def test_approving_a_second_organizations_claim_keeps_the_first_link(staff, org_a, org_b):
    first_org, first_admin, _ = org_a
    second_org, second_admin = org_b
    EmailAddress.objects.create(user=first_admin, email="a@mayoclinic.org", verified=True)
    entity = EntityFactory(website=MAYO)
    claim(first_admin, entity, organization=first_org)
    second = claim(second_admin, entity, organization=second_org)

    approve_claim(actor=staff, claim=second)

    entity.refresh_from_db()
    second.refresh_from_db()
    assert (second.status, entity.organization) == (ClaimStatus.VERIFIED, first_org)
    assert AuditEvent.objects.filter(action="registry.entity.updated").count() == 1


def test_a_matching_claim_naming_no_organization_on_a_linked_entity_is_verified(org_a):
    organization, admin, _ = org_a
    EmailAddress.objects.create(user=admin, email="admin@mayoclinic.org", verified=True)
    entity = EntityFactory(website=MAYO)
    claim(admin, entity, organization=organization)

    made = claim(person("jane@mayoclinic.org"), entity)

    entity.refresh_from_db()
    assert (made.status, entity.organization) == (ClaimStatus.VERIFIED, organization)


def test_approving_a_claim_with_an_organization_links_an_unlinked_entity(staff, org_a):
    organization, admin, _ = org_a
    entity = EntityFactory(website="")
    pending = claim(admin, entity, organization=organization)
    assert Entity.objects.get(pk=entity.pk).organization is None

    approve_claim(actor=staff, claim=pending)

    assert Entity.objects.get(pk=entity.pk).organization == organization


def test_a_claim_may_name_only_an_organization_the_claimant_administers(org_a):
    organization, _, member = org_a
    entity = EntityFactory(website=MAYO)

    error = refusal(claim, actor=member, entity=entity, organization=organization)

    assert (error.field, error.message) == (
        "organization",
        "Name an organization you administer on SocialRx, or none.",
    )
    assert Claim.objects.count() == 0


def test_center_staff_cannot_link_their_claim_to_an_organization_they_do_not_administer(
    org_a, staff
):
    organization, _, _ = org_a
    entity = EntityFactory(website=MAYO)

    error = refusal(claim, actor=staff, entity=entity, organization=organization)

    assert error.field == "organization"
    assert Claim.objects.count() == 0


# --- staff decisions ------------------------------------------------------------------------


def test_staff_approve_a_claim_and_the_claimant_is_emailed_after_commit(
    staff, mailoutbox, django_capture_on_commit_callbacks, settings
):
    entity = EntityFactory(name="ST. MARY'S HOSPITAL", website="")
    jane = person("jane@stmarys.org")
    pending = claim(jane, entity)

    with django_capture_on_commit_callbacks(execute=True):
        approved = approve_claim(actor=staff, claim=pending, note="  Called the switchboard. ")
        assert mailoutbox == []

    approved.refresh_from_db()
    assert (approved.status, approved.method, approved.decided_by, approved.decision_note) == (
        ClaimStatus.VERIFIED,
        ClaimMethod.STAFF_REVIEW,
        staff,
        "Called the switchboard.",
    )
    assert approved.decided_at is not None
    [message] = mailoutbox
    assert (message.to, message.subject) == (
        ["jane@stmarys.org"],
        "Your claim on St. Mary's Hospital is verified",
    )
    link = settings.SITE_URL + accounts_url(entity)
    assert link in message.body.splitlines()
    assert "Note from staff: Called the switchboard." in message.body.splitlines()
    assert "St. Mary's Hospital in the SocialRx registry" in message.body
    [(html, mime_type)] = message.alternatives
    assert mime_type == "text/html"
    assert f'<a href="{link}">' in html


def test_staff_reject_a_claim_with_a_reason_the_claimant_reads(
    staff, mailoutbox, django_capture_on_commit_callbacks
):
    entity = EntityFactory(website="")
    jane = person("jane@stmarys.org")
    pending = claim(jane, entity)

    with django_capture_on_commit_callbacks(execute=True):
        reject_claim(actor=staff, claim=pending, note="Nobody at the hospital knows you.")

    pending.refresh_from_db()
    assert (pending.status, pending.decided_by, pending.decision_note) == (
        ClaimStatus.REJECTED,
        staff,
        "Nobody at the hospital knows you.",
    )
    [message] = mailoutbox
    assert message.subject == f"Your claim on {entity.display_name} was not verified"
    assert "Reason: Nobody at the hospital knows you." in message.body.splitlines()


@pytest.mark.parametrize("note", ["", "   ", None])
def test_rejecting_needs_a_note_and_changes_nothing_without_one(
    staff, note, mailoutbox, django_capture_on_commit_callbacks
):
    pending = claim(person("jane@stmarys.org"), EntityFactory(website=""))

    with django_capture_on_commit_callbacks(execute=True):
        error = refusal(reject_claim, actor=staff, claim=pending, note=note)

    assert (error.field, error.message) == (
        "note",
        "Tell the claimant why the claim was not verified.",
    )
    pending.refresh_from_db()
    assert pending.status == ClaimStatus.PENDING
    assert mailoutbox == []


@pytest.mark.parametrize("first", ["approve", "reject"])
@pytest.mark.parametrize("second", ["approve", "reject"])
def test_a_claim_is_decided_once(staff, first, second):
    pending = claim(person("jane@stmarys.org"), EntityFactory(website=""))
    decide = {"approve": approve_claim, "reject": reject_claim}
    decide[first](actor=staff, claim=pending, note="Checked.")
    events = AuditEvent.objects.count()

    error = refusal(decide[second], actor=staff, claim=pending, note="Again.")

    status = "Verified" if first == "approve" else "Not verified"
    assert error.message == f"This claim was already decided ({status})."
    assert AuditEvent.objects.count() == events


def test_a_claim_verified_by_its_address_cannot_be_decided_by_staff(staff):
    verified = claim(person("jane@mayoclinic.org"), EntityFactory(website=MAYO))

    error = refusal(reject_claim, actor=staff, claim=verified, note="No.")

    assert error.message == "This claim was already decided (Verified)."


def test_staff_decisions_are_audited(staff):
    pending = claim(person("jane@stmarys.org"), EntityFactory(website=""))

    reject_claim(actor=staff, claim=pending, note="Unknown.")

    event = AuditEvent.objects.get(action="registry.claim.rejected")
    assert (event.actor, event.target_id, event.before, event.after) == (
        staff,
        str(pending.pk),
        {"status": "pending"},
        {"status": "rejected", "note": "Unknown."},
    )


@pytest.mark.parametrize("decide", [approve_claim, reject_claim])
def test_only_staff_decide_claims(decide, org_a):
    _, admin, _ = org_a
    pending = claim(person("jane@stmarys.org"), EntityFactory(website=""))

    with pytest.raises(PermissionDenied):
        decide(actor=admin, claim=pending, note="Mine.")
    pending.refresh_from_db()
    assert pending.status == ClaimStatus.PENDING


# --- who may manage the accounts ------------------------------------------------------------


def test_a_verified_claimant_may_manage_the_entitys_accounts_and_no_other():
    entity, other = EntityFactory(website=MAYO), EntityFactory(website="https://mayo.example")
    jane = person("jane@mayoclinic.org")
    assert allowed(jane, "registry.manage_accounts", entity) is False

    claim(jane, entity)

    assert allowed(jane, "registry.manage_accounts", entity) is True
    assert allowed(fresh(jane), "registry.manage_accounts", other) is False


def test_a_claimant_waiting_for_review_may_not_manage_the_accounts_until_approved(staff):
    entity = EntityFactory(website="")
    jane = person("jane@stmarys.org")
    pending = claim(jane, entity)
    assert allowed(fresh(jane), "registry.manage_accounts", entity) is False

    approve_claim(actor=staff, claim=pending)

    assert allowed(fresh(jane), "registry.manage_accounts", entity) is True


def test_a_rejected_claimant_may_not_manage_the_accounts(staff):
    entity = EntityFactory(website="")
    jane = person("jane@stmarys.org")
    reject_claim(actor=staff, claim=claim(jane, entity), note="Unknown.")

    assert allowed(fresh(jane), "registry.manage_accounts", entity) is False


def test_an_admin_of_the_linked_organization_may_manage_the_accounts_a_plain_member_not(org_a):
    organization, admin, member = org_a
    entity = EntityFactory(website=MAYO, organization=organization)
    other_admin = SeatFactory(role="admin").user

    assert allowed(admin, "registry.manage_accounts", entity) is True
    assert allowed(member, "registry.manage_accounts", entity) is False
    assert allowed(other_admin, "registry.manage_accounts", entity) is False
    assert allowed(AnonymousUser(), "registry.manage_accounts", entity) is False


def test_center_staff_may_manage_any_entitys_accounts(staff):
    assert allowed(staff, "registry.manage_accounts", EntityFactory()) is True


# --- the claim page -------------------------------------------------------------------------


def test_a_visitor_is_sent_to_sign_in_to_claim(client):
    entity = EntityFactory(website=MAYO)

    response = client.get(claim_url(entity))

    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={claim_url(entity)}"


def test_the_claim_page_shows_the_form_and_the_domain_that_verifies(client):
    entity = EntityFactory(website=MAYO)
    client.force_login(person("jane@gmail.com"))

    response = client.get(claim_url(entity))

    assert response.status_code == 200
    assert response.context["domain"] == "mayoclinic.org"
    assert response.context["existing"] is None
    assert "organization" not in response.context["form"].fields
    assert b"<strong>@mayoclinic.org</strong>" in response.content
    assert b'name="job_title"' in response.content


def test_the_claim_page_offers_the_organizations_the_person_administers(client, org_a):
    organization, admin, _ = org_a
    client.force_login(admin)

    response = client.get(claim_url(EntityFactory(website=MAYO)))

    assert list(response.context["form"].fields["organization"].choices) == [
        ("", "None"),
        (str(organization.public_id), organization.name),
    ]


def test_an_empty_role_is_shown_beside_the_field_and_nothing_is_claimed(client):
    entity = EntityFactory(website=MAYO)
    client.force_login(person("jane@mayoclinic.org"))

    response = client.post(claim_url(entity), {"job_title": "  ", "message": ""})

    assert response.status_code == 200
    assert response.context["form"].errors == {"job_title": ["This field is required."]}
    assert b'id="id_job_title_error"' in response.content
    assert Claim.objects.count() == 0


def test_an_empty_submission_shows_the_required_field(client):
    entity = EntityFactory(website=MAYO)
    client.force_login(person("jane@mayoclinic.org"))

    response = client.post(claim_url(entity), {})

    assert response.status_code == 200
    assert response.context["form"].errors == {"job_title": ["This field is required."]}
    assert Claim.objects.count() == 0


def test_a_verified_claim_from_the_page_opens_the_accounts_page_with_a_message(client):
    entity = EntityFactory(name="MAYO CLINIC HOSPITAL", website=MAYO)
    client.force_login(person("jane@mayoclinic.org"))

    response = client.post(claim_url(entity), {"job_title": "Social media lead"})

    assert response.status_code == 302
    assert response["Location"] == accounts_url(entity)
    assert messages_of(response) == [
        "Verified: your address jane@mayoclinic.org is at Mayo Clinic Hospital's website "
        "domain. You can now edit its accounts."
    ]
    assert client.get(accounts_url(entity)).status_code == 200


def test_a_claim_for_review_from_the_page_returns_to_the_listing_with_a_message(client):
    entity = EntityFactory(website=MAYO)
    client.force_login(person("jane@gmail.com"))

    response = client.post(claim_url(entity), {"job_title": "Social media lead"})

    assert response.status_code == 302
    assert response["Location"] == entity.get_absolute_url()
    assert messages_of(response) == [
        "Thank you. Center staff will review your claim and email you; usually within two "
        "working days."
    ]
    assert Claim.objects.get().status == ClaimStatus.PENDING
    assert client.get(accounts_url(entity)).status_code == 404


def test_a_claim_from_the_page_may_name_the_persons_organization(client, org_a):
    organization, admin, _ = org_a
    EmailAddress.objects.create(user=admin, email="admin@mayoclinic.org", verified=True)
    entity = EntityFactory(website=MAYO)
    client.force_login(admin)

    response = client.post(
        claim_url(entity),
        {"job_title": "Director", "organization": str(organization.public_id)},
    )

    assert response.status_code == 302
    assert Entity.objects.get(pk=entity.pk).organization == organization


def test_naming_an_organization_the_person_does_not_administer_is_shown_beside_the_field(
    client, org_a, org_b
):
    _, admin, _ = org_a
    client.force_login(admin)

    response = client.post(
        claim_url(EntityFactory(website=MAYO)),
        {"job_title": "Director", "organization": str(org_b[0].public_id)},
    )

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["organization"]
    assert Claim.objects.count() == 0


def test_the_claim_page_shows_a_waiting_claim_instead_of_the_form(client):
    entity = EntityFactory(website="")
    jane = person("jane@stmarys.org")
    claim(jane, entity)
    client.force_login(jane)

    response = client.get(claim_url(entity))

    assert response.context["existing"].status == ClaimStatus.PENDING
    assert b"Your claim is waiting for review" in response.content
    assert b'name="job_title"' not in response.content


def test_claiming_again_from_the_page_is_refused_without_a_second_claim(client):
    entity = EntityFactory(website="")
    jane = person("jane@stmarys.org")
    claim(jane, entity)
    client.force_login(jane)

    response = client.post(claim_url(entity), {"job_title": "Director"})

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        f"Your claim on {entity.display_name} is waiting for review."
    ]
    assert Claim.objects.count() == 1


def test_the_claim_page_of_an_unknown_listing_is_not_found(client, user):
    client.force_login(user)

    assert client.get("/registry/hospitals/999999/claim/").status_code == 404
    assert client.get("/registry/health-systems/not-a-uuid/claim/").status_code == 404


def test_a_note_longer_than_the_column_is_refused_rather_than_cut(staff):
    pending = claim(person("jane@stmarys.org"), EntityFactory(website=""))

    error = refusal(approve_claim, actor=staff, claim=pending, note="x" * 1001)

    assert (error.field, error.message) == ("note", "Keep the note under 1000 characters.")
    pending.refresh_from_db()
    assert pending.status == ClaimStatus.PENDING


# --- the staff's claims queue ---------------------------------------------------------------


def queue_url(status: str = "") -> str:
    url = reverse("registry:staff_claims")
    return f"{url}?status={status}" if status else url


def approve_url(made: Claim) -> str:
    return reverse("registry:staff_claim_approve", args=[made.public_id])


def reject_url(made: Claim) -> str:
    return reverse("registry:staff_claim_reject", args=[made.public_id])


@pytest.fixture
def waiting():
    """Two claims waiting for review and one rejected."""
    first = ClaimFactory(entity=EntityFactory(name="FIRST HOSPITAL", website=""))
    second = ClaimFactory(entity=EntityFactory(name="SECOND HOSPITAL", website=""))
    rejected = ClaimFactory(
        status=ClaimStatus.REJECTED, decision_note="Unknown person.", decided_at=timezone.now()
    )
    return first, second, rejected


def test_staff_see_the_claims_waiting_oldest_first_with_their_actions(client, staff, waiting):
    first, second, _ = waiting
    client.force_login(staff)

    response = client.get(queue_url())

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == [first, second]
    assert response.context["counts"] == {"claims": 2, "corrections": 0}
    assert approve_url(first).encode() in response.content
    assert reject_url(second).encode() in response.content


def test_staff_filter_the_claims_by_status(client, staff, waiting):
    _, _, rejected = waiting
    client.force_login(staff)

    response = client.get(queue_url("rejected"))

    assert list(response.context["page"].object_list) == [rejected]
    assert b"Unknown person." in response.content
    assert approve_url(rejected).encode() not in response.content


def test_an_unknown_status_shows_the_claims_waiting(client, staff, waiting):
    client.force_login(staff)

    response = client.get(queue_url("everything"))

    assert (response.status_code, response.context["status"]) == (200, "pending")


def test_staff_approve_a_claim_from_the_queue_and_the_claimant_is_emailed(
    client, staff, waiting, mailoutbox, django_capture_on_commit_callbacks
):
    first, _, _ = waiting
    client.force_login(staff)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(approve_url(first), {"note": "Known to us."})

    assert response.status_code == 302
    assert response["Location"] == queue_url()
    assert messages_of(response) == ["The claim is verified; the claimant was emailed."]
    first.refresh_from_db()
    assert (first.status, first.decision_note) == (ClaimStatus.VERIFIED, "Known to us.")
    assert [message.to for message in mailoutbox] == [[first.claimant.email]]


def test_staff_reject_a_claim_from_the_queue_only_with_a_reason(client, staff, waiting):
    first, second, _ = waiting
    client.force_login(staff)

    refused = client.post(reject_url(first), {"note": " "}, follow=True)
    rejected = client.post(reject_url(second), {"note": "Not at the hospital."}, follow=True)

    assert [str(m) for m in refused.context["messages"]] == [
        "Tell the claimant why the claim was not verified."
    ]
    assert [str(m) for m in rejected.context["messages"]] == [
        "The claim was not verified; the claimant was emailed."
    ]
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (ClaimStatus.PENDING, ClaimStatus.REJECTED)


@pytest.mark.parametrize("url", [approve_url, reject_url])
def test_a_note_too_long_for_the_form_decides_nothing(client, staff, waiting, url):
    first, _, _ = waiting
    client.force_login(staff)

    response = client.post(url(first), {"note": "x" * 1001})

    assert response.status_code == 302
    assert messages_of(response) == [
        "Note: Ensure this value has at most 1000 characters (it has 1001)."
    ]
    first.refresh_from_db()
    assert (first.status, first.decision_note) == (ClaimStatus.PENDING, "")


def test_deciding_a_decided_claim_from_the_queue_says_so(client, staff, waiting):
    _, _, rejected = waiting
    client.force_login(staff)

    response = client.post(approve_url(rejected), {"note": ""})

    assert messages_of(response) == ["This claim was already decided (Not verified)."]
    rejected.refresh_from_db()
    assert rejected.status == ClaimStatus.REJECTED


def test_deciding_an_unknown_claim_is_not_found(client, staff):
    client.force_login(staff)

    response = client.post(
        reverse("registry:staff_claim_approve", args=["00000000-0000-0000-0000-000000000000"])
    )

    assert response.status_code == 404


def test_people_who_are_not_staff_cannot_see_or_decide_claims(client, org_a, waiting):
    first, _, _ = waiting
    client.force_login(org_a[1])

    statuses = [
        client.get(queue_url()).status_code,
        client.post(approve_url(first), {"note": ""}).status_code,
        client.post(reject_url(first), {"note": "No."}).status_code,
    ]

    assert statuses == [403, 403, 403]
    first.refresh_from_db()
    assert first.status == ClaimStatus.PENDING


def test_a_visitor_is_sent_to_sign_in_for_the_claims_queue(client, waiting):
    first, _, _ = waiting

    assert client.get(queue_url()).status_code == 302
    assert client.post(approve_url(first)).status_code == 302
    first.refresh_from_db()
    assert first.status == ClaimStatus.PENDING


# The session, the person, their MFA check, the pending counts (claims, corrections), the
# page's count and claims (with their entities, claimants and organizations).
QUERIES_OF_THE_CLAIMS_QUEUE = 7


@pytest.mark.parametrize("count", [1, 3])
def test_the_claims_queue_makes_the_same_queries_for_one_or_three_claims(
    client, staff, org_a, count
):
    for _ in range(count):
        ClaimFactory(organization=org_a[0], message="I run their social media.")
    client.force_login(staff)
    client.get(queue_url())  # warm the per-process caches

    with CaptureQueriesContext(connection) as queries:
        response = client.get(queue_url())

    assert len(response.context["page"].object_list) == count
    assert len(queries) == QUERIES_OF_THE_CLAIMS_QUEUE

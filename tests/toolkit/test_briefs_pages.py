"""The executive brief's pages: the briefs list, an organization's briefs, drawing one, its page
and its PDF (opened and read); who may do what (404 for another organization), bad input, and
the queries each page takes."""

from __future__ import annotations

import re
import uuid
from datetime import date

import pytest
from django.urls import reverse

from socialrx.core.models import AuditEvent
from socialrx.core.permissions import allowed
from socialrx.registry import freshness
from socialrx.toolkit.models import ExecutiveBrief, Policy, PolicyVersion
from socialrx.toolkit.selectors.briefs import organizations_with_briefs
from socialrx.toolkit.services.briefs import DRAWS_PER_HOUR
from tests.factories import SeatFactory, UserFactory, org_with_admin
from tests.registry.factories import AccountFactory, EntityFactory
from tests.toolkit.brief_world import hcahps, world_fixture  # noqa: F401 - the fixture
from tests.toolkit.factories import SavedCheckFactory, make_assessment, make_brief
from tests.toolkit.factories import make_check_member as make_member
from tests.toolkit.pdf_text import pdf_text

pytestmark = pytest.mark.django_db

LIST = reverse("toolkit:briefs")


def _draw_url(organization) -> str:
    return reverse("toolkit:draw_brief", args=[organization.public_id])


def _pdf_text(response) -> tuple[int, str]:
    """(its number of pages, as every page's footer says, and its text on one line)."""
    text = " ".join(pdf_text(response.content).split())
    pages = {int(total) for total in re.findall(r"· page \d+ of (\d+)", text)}
    assert len(pages) == 1, pages
    footers = len(re.findall(r"· page \d+ of \d+", text))
    assert footers == next(iter(pages))
    return next(iter(pages)), text


@pytest.fixture
def member_world(world):
    """The hand-built registry world, Riverside a member with HCAHPS, an assessment, an
    adopted policy and a saved check."""
    organization, admin, riverside = world
    make_member(organization)
    hcahps(riverside)
    make_assessment(organization, taken_by=admin)
    policy = Policy.objects.create(organization=organization)
    PolicyVersion.objects.create(
        policy=policy, number=1, organization_name=organization.name,
        adopted_on=date(2025, 3, 3), adopted_by=admin,
        sections=[{"slug": "who", "number": 1, "title": "Who may post", "clauses": [{}, {}]}],
    )  # fmt: skip
    SavedCheckFactory(organization=organization, saved_by=admin)
    return organization, admin, riverside


# --- the list ---------------------------------------------------------------------------------


def test_the_admin_of_a_member_organization_is_offered_to_draw(client, member_world):
    organization, admin, _ = member_world
    client.force_login(admin)

    page = client.get(LIST).content.decode()

    assert organization.name in page
    assert _draw_url(organization) in page
    assert "No brief drawn yet." in page


def test_a_member_reads_the_briefs_and_is_told_who_draws_them(client, member_world):
    organization, _, _ = member_world
    brief = make_brief(organization)
    member = SeatFactory(organization=organization).user
    client.force_login(member)

    page = client.get(LIST).content.decode()

    assert reverse("toolkit:brief", args=[brief.public_id]) in page
    assert _draw_url(organization) not in page
    assert f"An admin of {organization.name} draws the briefs" in page


def test_a_non_member_organization_is_told_briefs_come_with_membership(client):
    organization, admin = org_with_admin(name="Valley Hospital")
    client.force_login(admin)

    page = client.get(LIST).content.decode()

    assert "Briefs come with the center's membership" in page
    assert _draw_url(organization) not in page


def test_a_person_without_an_organization_learns_what_a_brief_is(client, user):
    client.force_login(user)

    response = client.get(LIST)

    assert response.status_code == 200
    assert b"Briefs are drawn for an organization" in response.content
    assert b"a board reads in five minutes" in response.content


def test_a_visitor_learns_what_a_brief_is_and_signs_in_from_there(client):
    response = client.get(LIST)

    assert response.status_code == 200
    page = response.content.decode()
    assert "a board reads in five minutes" in page
    assert "Who draws a brief, and who reads it" in page
    sign_in = f'href="{reverse("account_login")}?next={LIST}">Sign in to read your organization'
    assert sign_in in page
    assert "Briefs are drawn for an organization" not in page


def test_who_may_draw_on_the_list_is_what_the_rule_says(member_world, staff):
    """The list works out toolkit.draw_brief from what it loaded; the rule decides the same."""
    organization, admin, _ = member_world
    lapsed, lapsed_admin = org_with_admin(name="Valley Hospital")
    member = SeatFactory(organization=organization).user
    SeatFactory(organization=lapsed, user=admin)
    SeatFactory(organization=organization, user=lapsed_admin)
    SeatFactory(organization=organization, user=staff)
    for person in (admin, member, lapsed_admin, staff):
        for row in organizations_with_briefs(person):
            assert row.may_draw == allowed(person, "toolkit.draw_brief", row.organization)


@pytest.mark.parametrize("organizations", [1, 3])
def test_the_list_takes_the_same_queries_however_many_organizations_and_briefs(
    organizations, client, django_assert_num_queries
):
    person = UserFactory()
    for number in range(organizations):
        organization, _ = org_with_admin(name=f"Hospital {number}")
        SeatFactory(organization=organization, user=person, role="admin")
        make_member(organization)
        for _ in range(number + 1):
            make_brief(organization, drawn_by=person)
    client.force_login(person)
    # The session, the person, their seats, their member organizations, the organizations,
    # their briefs with who drew them.
    with django_assert_num_queries(6):
        response = client.get(LIST)
    assert response.content.decode().count("Draw a brief with today") == organizations


# --- drawing ----------------------------------------------------------------------------------


def test_the_admin_draws_a_brief_kept_with_its_figures_and_audited(client, member_world):
    organization, admin, _ = member_world
    client.force_login(admin)

    response = client.post(_draw_url(organization))

    brief = ExecutiveBrief.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("toolkit:brief", args=[brief.public_id])
    assert (brief.organization, brief.drawn_by) == (organization, admin)
    assert brief.figures["peers"]["groups"][0]["percent"] == 75.0
    event = AuditEvent.objects.get(action="toolkit.brief.drawn")
    assert (event.actor, event.target_id) == (admin, str(brief.pk))


def test_staff_draw_a_brief_for_a_member_organization(client, member_world, staff):
    organization, _, _ = member_world
    client.force_login(staff)

    assert client.post(_draw_url(organization)).status_code == 302
    assert ExecutiveBrief.objects.get().drawn_by == staff


def test_a_member_who_is_not_an_admin_is_told_why_and_nothing_is_drawn(client, member_world):
    organization, _, _ = member_world
    client.force_login(SeatFactory(organization=organization).user)

    response = client.post(_draw_url(organization))

    assert response.status_code == 403
    assert b"An admin of a member organization draws its briefs" in response.content
    assert not ExecutiveBrief.objects.exists()


def test_the_admin_of_an_organization_that_is_not_a_member_may_not_draw(client):
    organization, admin = org_with_admin()
    client.force_login(admin)

    assert client.post(_draw_url(organization)).status_code == 403
    assert not ExecutiveBrief.objects.exists()


def test_another_organizations_admin_finds_nothing(client, member_world):
    organization, _, _ = member_world
    _, stranger = org_with_admin(name="Lakeside Family Physicians")
    brief = make_brief(organization)
    client.force_login(stranger)

    assert client.post(_draw_url(organization)).status_code == 404
    assert client.get(reverse("toolkit:brief", args=[brief.public_id])).status_code == 404
    assert client.get(reverse("toolkit:brief_pdf", args=[brief.public_id])).status_code == 404
    url = reverse("toolkit:organization_briefs", args=[organization.public_id])
    assert client.get(url).status_code == 404
    assert ExecutiveBrief.objects.count() == 1


def test_unknown_ids_and_a_get_on_the_action(client, member_world):
    organization, admin, _ = member_world
    client.force_login(admin)

    assert client.get(_draw_url(organization)).status_code == 405
    assert client.post(reverse("toolkit:draw_brief", args=[uuid.uuid4()])).status_code == 404
    assert client.get(reverse("toolkit:brief", args=[uuid.uuid4()])).status_code == 404
    assert client.get("/toolkit/briefs/not-a-brief/").status_code == 404
    assert not ExecutiveBrief.objects.exists()


def test_drawing_in_a_loop_stops_with_a_reason(client, member_world):
    organization, admin, _ = member_world
    client.force_login(admin)
    for _ in range(DRAWS_PER_HOUR):
        assert client.post(_draw_url(organization)).status_code == 302

    response = client.post(_draw_url(organization))

    assert response.status_code == 429
    assert b"the most we draw" in response.content
    assert ExecutiveBrief.objects.count() == DRAWS_PER_HOUR


# --- the page and the PDF ---------------------------------------------------------------------


def test_the_page_shows_every_section_with_its_sources(client, member_world):
    organization, admin, _ = member_world
    client.force_login(admin)
    brief_url = client.post(_draw_url(organization))["Location"]

    page = client.get(brief_url).content.decode()

    for text in (
        "Peers on social media",
        "<strong>State</strong>: Minnesota (4 hospitals)",
        # Platforms as rows, the groups as columns: Facebook, 3 of the 4 in Minnesota.
        '<th scope="row">Facebook</th><td class="numeric">75.0% <span class="brief-count">(3)',
        "75.0%",
        "Source:</strong> SocialRx public registry, adoption statistics",
        "CMS HCAHPS Patient Survey",
        "Social media policy, version 1</a>, adopted on Mar 3, 2025",
        "SocialRx readiness and staffing assessment</a> taken on",
        # The training app reports people trained: nobody of Riverside's one seat yet.
        "<strong>0 of 1</strong> people of the organization on SocialRx hold a valid certificate",
        "SocialRx training records (course, boot camp and on-site certificates not revoked)",
    ):
        assert text in page, text
    assert "Demo data." not in page  # nothing here was generated


def test_the_pdf_reads_in_two_or_three_pages_with_the_figures_and_their_sources(
    client, member_world
):
    organization, admin, _ = member_world
    client.force_login(admin)
    brief = ExecutiveBrief.objects.get(
        public_id=client.post(_draw_url(organization))["Location"].split("/")[-2]
    )

    response = client.get(reverse("toolkit:brief_pdf", args=[brief.public_id]))

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith(
        'attachment; filename="SocialRx-executive-brief-riverside-regional-medical-center-'
    )
    pages, text = _pdf_text(response)
    assert 2 <= pages <= 3
    for expected in (
        "Executive brief: Riverside Regional Medical Center",
        "75.0% of the 4 hospitals in Minnesota have at least one account",
        "All: every hospital in the registry (6 hospitals)",
        # A platform a row, the groups (state, type, size, all) its columns (test_briefs_figures).
        "Any platform 75.0% (3) 80.0% (4) 75.0% (3) 66.7% (4)",
        "Facebook 75.0% (3) 60.0% (3) 50.0% (2) 50.0% (3)",
        "YouTube 25.0% (1) 20.0% (1) 0.0% (0) 16.7% (1)",
        "Communication with nurses 80.5% 81.0% 79.0%",
        "CMS Hospital Value-Based Purchasing",
        "Social media policy, version 1",
        "adopted on Mar 3, 2025",
        "2 clauses in 1 section",
        "checked and saved by 1 person",
        "Readiness: Developing (level 2 of 4; overall score 58 of 100)",
    ):
        assert expected in text, expected


def test_a_brief_reads_the_same_after_the_registry_changed(client, member_world):
    organization, admin, _ = member_world
    client.force_login(admin)
    brief_url = client.post(_draw_url(organization))["Location"]
    pdf_url = brief_url + "pdf/"
    _, before = _pdf_text(client.get(pdf_url))
    # Two more Minnesota hospitals on Facebook, and the statistics recomputed.
    for number in (1, 2):
        AccountFactory(
            entity=EntityFactory(bed_count=90),
            platform="facebook",
            address=f"https://www.facebook.com/newhospital{number}",
        )
    freshness._bump()

    _, after = _pdf_text(client.get(pdf_url))
    page = client.get(brief_url).content.decode()

    assert after == before
    assert "75.0% of the 4 hospitals in Minnesota" in page
    new = client.post(_draw_url(organization))["Location"]
    assert "83.3% of the 6 hospitals in Minnesota" in client.get(new).content.decode()


def test_demo_figures_are_labelled_where_shown(client, member_world):
    organization, admin, riverside = member_world
    riverside.accounts.filter(platform="x").update(is_generated=True)
    freshness._bump()
    client.force_login(admin)

    page = client.get(client.post(_draw_url(organization))["Location"]).content.decode()

    assert "Demo data." in page
    assert '@RiversideRMC <span class="brief-demo-mark">demo data</span>' in page
    assert "1 of the 6 accounts counted are generated for the demo" in page


def test_the_brief_page_takes_the_same_queries_whatever_it_holds(
    client, member_world, django_assert_num_queries
):
    organization, admin, _ = member_world
    empty, _ = org_with_admin(name="Valley Hospital")  # no listing, assessment or policy
    SeatFactory(organization=empty, user=admin, role="admin")
    make_member(empty)
    full = make_brief(organization)
    bare = make_brief(empty)
    client.force_login(admin)
    client.get(LIST)
    for brief in (full, bare):
        # The session, the person, the brief with its organization and drawer, the person's
        # seats, the organization's membership (may they draw?) and the person's member
        # organizations (the menu).
        with django_assert_num_queries(6):
            assert client.get(reverse("toolkit:brief", args=[brief.public_id])).status_code == 200

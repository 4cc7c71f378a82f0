"""The public coaching page (what the three kinds are, how it works, a call to action that fits
the reader, the listed coaches) and a coach's page (bio in Markdown, expertise, time zone,
photo with its description); unlisted, inactive and former coaches are not shown. Both pages
take the same number of queries for 2 and 6 coaches."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.coaching.models import EngagementStatus
from socialrx.taxonomy.models import Topic
from tests.coaching.factories import make_coach, make_engagement
from tests.factories import CoachFactory, SeatFactory, UserFactory, org_with_admin

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def _listed(name: str, *, headline: str = "", bio: str = "", **fields):
    profile = make_coach(
        full_name=name,
        platforms=("facebook", "instagram"),
        topics=("crisis-response",),
        organization_types=("hospital",),
        **fields,
    )
    if headline or bio:
        profile.headline, profile.bio = headline, bio
        profile.save(update_fields=["headline", "bio"])
    return profile


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


# --- the coaching page ----------------------------------------------------------------------


def test_the_page_explains_the_three_kinds_and_how_it_works(client):
    html = _html(client.get(reverse("coaching:home")))

    for kind in ("One-on-one training", "Consulting", "Coaching"):
        assert f"<h3>{kind}</h3>" in html
    assert "Your admin fills in a needs assessment" in html
    assert "The center matches you with a coach" in html
    assert "You book sessions" in html
    assert "Who it's for" in html


def test_listed_coaches_show_name_headline_chips_and_zone_in_words(client):
    _listed("Maya Lindqvist", time_zone="America/Denver", headline="Crisis communications")
    _listed("Hidden Coach", is_listed=False)
    gone = _listed("Gone Coach")
    gone.user.is_active = False
    gone.user.save(update_fields=["is_active"])
    former = _listed("Former Coach")
    former.user.is_coach = False
    former.user.save(update_fields=["is_coach"])

    html = _html(client.get(reverse("coaching:home")))

    assert [p.user.full_name for p in client.get(reverse("coaching:home")).context["coaches"]] == [
        "Maya Lindqvist"
    ]
    assert "Crisis communications" in html
    assert '<li class="badge badge-brand">Facebook</li>' in html
    assert '<li class="badge">Crisis response</li>' in html
    assert "Mountain Time" in html
    assert (
        '<span class="coach-photo coach-photo-small coach-initials" aria-hidden="true">ML</span>'
        in html
    )
    assert "Hidden Coach" not in html and "Gone Coach" not in html and "Former Coach" not in html


def _cta(client) -> str:
    html = _html(client.get(reverse("coaching:home")))
    return html[html.index('id="hero-title"') : html.index('id="for-title"')]


def test_a_visitor_is_invited_to_sign_in_or_see_the_plans(client):
    cta = _cta(client)

    assert f'href="{reverse("account_login")}?next=/coaching/"' in cta
    assert f'href="{reverse("membership:pricing")}"' in cta
    assert reverse("coaching:intakes") not in cta


def test_an_org_admin_is_sent_to_the_needs_assessment(client):
    _organization, admin = org_with_admin()
    client.force_login(admin)

    cta = _cta(client)

    assert f'<a class="button" href="{reverse("coaching:intakes")}">' in cta
    assert reverse("coaching:engagements") not in cta


def test_a_person_of_an_engaged_organization_is_sent_to_the_engagements(client):
    organization, admin = org_with_admin()
    member = SeatFactory(organization=organization).user
    make_engagement(organization, [make_coach()], status=EngagementStatus.PROPOSED)
    client.force_login(member)

    cta = _cta(client)

    assert f'<a class="button" href="{reverse("coaching:engagements")}">' in cta
    assert reverse("coaching:intakes") not in cta


def test_a_signed_in_person_without_an_engagement_sees_the_plans(client):
    client.force_login(UserFactory())

    cta = _cta(client)

    assert f'<a class="button" href="{reverse("membership:pricing")}">' in cta
    assert "Your organization's admin starts coaching" in cta


def test_coaches_and_staff_also_get_their_own_way_in(client, coach, staff):
    client.force_login(coach)
    assert f'href="{reverse("coaching:coach_profile")}">Edit your coach profile' in _cta(client)
    client.force_login(staff)
    assert f'href="{reverse("coaching:staff_intakes")}">Needs assessments' in _cta(client)


@pytest.mark.parametrize("count", [2, 6])
def test_the_page_takes_the_same_queries_for_2_and_6_coaches(
    client, django_assert_num_queries, count
):
    for number in range(count):
        _listed(f"Coach {number}")

    # the listed coaches with their people; their platforms; their topics
    with django_assert_num_queries(3):
        response = client.get(reverse("coaching:home"))

    assert len(response.context["coaches"]) == count


# --- a coach's page -------------------------------------------------------------------------


def test_a_coachs_page_shows_the_bio_expertise_zone_and_photo_description(
    client, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    profile = _listed(
        "Maya Lindqvist",
        time_zone="Europe/London",
        headline="Crisis communications",
        bio="Ran **social media** at a 12-hospital system.\n\n<script>alert(1)</script>",
        photo="coaching/coaches/maya.jpg",
        photo_alt="Maya at a lectern",
    )

    html = _html(client.get(reverse("coaching:coach", args=[profile.slug])))

    assert "<h1>Maya Lindqvist</h1>" in html
    assert "Ran <strong>social media</strong> at a 12-hospital system." in html
    assert "<script>alert(1)</script>" not in html
    assert '<li class="badge">Hospital</li>' in html
    assert '<li class="badge">Crisis response</li>' in html
    assert "London time" in html and "(Europe/London)" in html
    assert 'alt="Maya at a lectern"' in html


@pytest.mark.parametrize("which", ["unlisted", "inactive", "former", "unknown"])
def test_a_coach_who_is_not_shown_is_not_found(client, which):
    profile = _listed("Maya Lindqvist", is_listed=which != "unlisted")
    if which == "inactive":
        profile.user.is_active = False
        profile.user.save(update_fields=["is_active"])
    if which == "former":
        profile.user.is_coach = False
        profile.user.save(update_fields=["is_coach"])
    slug = "nobody" if which == "unknown" else profile.slug

    assert client.get(reverse("coaching:coach", args=[slug])).status_code == 404


@pytest.mark.parametrize("count", [2, 6])
def test_a_coachs_page_takes_the_same_queries_however_many_topics(
    client, django_assert_num_queries, count
):
    profile = _listed("Maya Lindqvist")
    profile.topics.set(Topic.objects.all()[:count])

    # the profile with its person; its platforms; its topics
    with django_assert_num_queries(3):
        client.get(reverse("coaching:coach", args=[profile.slug]))


def test_a_coach_without_a_profile_appears_nowhere(client):
    CoachFactory(full_name="No Profile Yet")

    assert "No Profile Yet" not in _html(client.get(reverse("coaching:home")))

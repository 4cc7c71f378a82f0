"""The library's demo data (`socialrx seed-demo`, small profile): the center's 36 resources
written through the authoring services (with versions and files), 4 case studies contributed
and approved, 2 contributions still open, the podcast and its feed, 5 news posts, usage, and
the demo member's history; never twice."""

import io
import wave
from collections import Counter
from io import StringIO

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from socialrx.library import uploads
from socialrx.library.demo import media_files
from socialrx.library.models import (
    CaseStudy,
    DailyUse,
    LibraryVisit,
    NewsPost,
    PodcastEpisode,
    ReaderHistory,
    Resource,
    ResourceFile,
    ResourceReview,
    ResourceVersion,
    ResultFigure,
)
from socialrx.library.selectors.catalog import most_used_this_month

pytestmark = pytest.mark.integration

LIBRARY_MODELS = [
    Resource, ResourceFile, ResourceVersion, PodcastEpisode, CaseStudy, ResultFigure,
    ResourceReview, NewsPost, DailyUse, ReaderHistory, LibraryVisit,
]  # fmt: skip
JAMES = "james.okafor@riverside-rmc.example"


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in LIBRARY_MODELS}


def test_forty_resources_published_across_every_kind(demo_small):
    published = Resource.objects.filter(status="published")

    assert Counter(published.values_list("kind", flat=True)) == {
        "guide": 10,
        "policy_template": 6,
        "checklist": 6,
        "case_study": 4,
        "video": 2,
        "webinar_recording": 3,
        "slide_deck": 4,
        "podcast_episode": 5,
    }
    # The content's 16 public, 15 member and 5 premium texts, and 2 public and 2 member case
    # studies.
    assert Counter(published.values_list("access", flat=True)) == {
        "public": 18,
        "member": 17,
        "premium": 5,
    }
    assert Counter(Resource.objects.values_list("status", flat=True)) == {
        "published": 40,
        "submitted": 1,
        "changes_requested": 1,
    }
    assert not Resource.objects.filter(is_generated=False).exists()
    assert not NewsPost.objects.filter(is_generated=False).exists()
    for resource in published:
        assert resource.body_html and resource.title in resource.search_text, resource.slug
        assert resource.published_on and resource.reviewed_on >= resource.published_on
        assert resource.topics.exists(), resource.slug


def test_templates_keep_the_versions_their_history_lists(demo_small):
    notes = list(
        ResourceVersion.objects.filter(resource__slug="social-media-policy-template")
        .order_by("number")
        .values_list("number", "change_note")
    )

    assert notes == [
        (1, "First version."),
        (2, "Added responding to patients online and violations."),
        (3, "Departmental accounts need a plan; added AI tools."),
    ]
    consent = Resource.objects.get(slug="patient-photo-consent-form")
    assert list(consent.versions.order_by("number").values_list("change_note", flat=True)) == [
        "First version.",
        "Revised and reviewed by the center.",
    ]
    assert consent.current_version == 2
    assert consent.versions.get(number=2).body == consent.body
    # 3 + 2 + 2 versions of the templates with a history, one of each of the 9 others.
    assert ResourceVersion.objects.count() == 16


def test_files_are_printed_pdfs_and_generated_audio(demo_small):
    files = ResourceFile.objects.select_related("resource")

    # 6 texts printed to PDF; 4 recordings and 5 episodes with audio.
    assert Counter(files.values_list("content_type", flat=True)) == {
        "application/pdf": 6,
        "audio/wav": 9,
    }
    for attached in files:
        assert attached.size_bytes > 1000 and attached.file.size == attached.size_bytes
        if attached.kind == "audio":
            assert attached.duration_seconds >= 1
            assert "Audio generated for the demo" in attached.resource.body


def test_the_podcast_has_five_episodes_and_its_feed_parses(demo_small, client):
    episodes = PodcastEpisode.objects.select_related("resource", "audio").order_by("number")

    assert [(e.season, e.number) for e in episodes] == [(1, 1), (1, 2), (1, 3), (1, 4), (1, 5)]
    assert all(e.audio.duration_seconds == e.duration_seconds for e in episodes)
    parsed = feedparser.parse(client.get("/podcast/feed.xml", secure=True).content)
    assert parsed.bozo == 0
    assert [entry.title for entry in parsed.entries] == [
        "Rounds 5: the night the power went out",
        "Rounds 4: physicians online",
        "Rounds 3: measuring what matters",
        "Rounds 2: answering patients in public",
        "Rounds 1: why hospitals hesitate",
    ]
    assert {entry.enclosures[0].type for entry in parsed.entries} == {"audio/wav"}


def test_case_studies_were_contributed_reviewed_and_credited(demo_small):
    studies = CaseStudy.objects.select_related("resource", "organization")

    assert {(s.resource.slug, s.organization.name) for s in studies} == {
        ("riverside-nurse-recruitment", "Riverside Regional Medical Center"),
        ("riverside-storm-response", "Riverside Regional Medical Center"),
        ("north-star-system-policy", "North Star Health System"),
        ("lakeside-practice-education", "Lakeside Family Physicians"),
    }
    assert ResultFigure.objects.count() == 6
    for study in studies:
        resource = study.resource
        assert resource.contributed_by_organization == study.organization
        assert resource.author.seats.filter(organization=study.organization, role="admin").exists()
        assert list(resource.reviews.values_list("decision", "reviewer__email")) == [
            ("approved", "dana.whitfield@socialrx.example")
        ]


def test_one_contribution_waits_for_review_and_one_was_sent_back(demo_small):
    waiting = Resource.objects.get(status="submitted")
    sent_back = Resource.objects.get(status="changes_requested")

    assert (waiting.author.email, waiting.kind) == (
        "emily.sorensen@riverside-rmc.example",
        "checklist",
    )
    assert not waiting.reviews.exists()
    assert (sent_back.author.email, sent_back.kind) == (JAMES, "guide")
    review = sent_back.reviews.get()
    assert review.decision == "changes_requested" and "patient messages you" in review.note
    for resource in (waiting, sent_back):
        assert resource.contributed_by_organization.name == "Riverside Regional Medical Center"


def test_news_usage_and_the_demo_members_history(demo_small):
    assert list(NewsPost.objects.values_list("slug", flat=True)) == [
        "spring-boot-camp-dates",
        "case-study-call",
        "forums-open-to-members",
        "rounds-podcast-launch",
        "library-opens",
    ]
    assert not NewsPost.objects.filter(published_at__isnull=True).exists()
    # Every published resource was used, and counts its uses.
    assert set(DailyUse.objects.values_list("resource__status", flat=True)) == {"published"}
    for resource in Resource.objects.filter(status="published"):
        total = sum(resource.daily_uses.values_list("count", flat=True))
        assert total >= 1 and resource.use_count == total, resource.slug
    assert len(most_used_this_month()) == 5
    history = ReaderHistory.objects.filter(user__email=JAMES)
    assert history.count() == 6
    assert LibraryVisit.objects.get(user__email=JAMES).previous_seen_at is not None


def test_the_resource_page_says_it_was_written_for_the_demo(demo_small, client):
    response = client.get("/library/r/answering-negative-reviews/", secure=True)

    assert response.status_code == 200
    assert "Written for the demo." in response.content.decode()


def test_the_report_names_the_library_and_the_open_contributions(demo_small):
    out = StringIO()
    call_command("seed_demo", profile="small", stdout=out)
    printed = out.getvalue()

    assert "Library /library/: 40 resources published (10 guides, 6 policy templates" in printed
    assert "Podcast /podcast/ and its feed /podcast/feed.xml: 5 episodes" in printed
    assert "by Emily Sorensen: submitted for review /staff/library/reviews/" in printed
    assert "by James Okafor: changes requested" in printed


def test_a_second_run_creates_nothing(demo_small):
    before = counts()

    call_command("seed_demo", profile="small", quiet=True)

    assert counts() == before


def test_the_chime_is_a_six_second_wav_the_library_accepts(monkeypatch):
    monkeypatch.setattr(media_files.shutil, "which", lambda name: None)

    audio = media_files.audio_for("Rounds 1")

    assert audio.note == "Audio generated for the demo (tone)."
    with wave.open(io.BytesIO(audio.content)) as read:
        assert (read.getframerate(), read.getnchannels(), read.getsampwidth()) == (16_000, 1, 2)
        assert read.getnframes() == 96_000
    upload = SimpleUploadedFile("chime.wav", audio.content)
    fmt = uploads.identify(upload)
    assert fmt.content_type == "audio/wav"
    assert uploads.read_duration(upload, fmt) == 6

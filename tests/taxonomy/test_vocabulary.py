"""The shared topics and platforms exist in every database, keyed like the registry's."""

import pytest

from socialrx.core.platforms.vocabulary import Platform as PlatformCode
from socialrx.taxonomy.models import Platform, Topic

pytestmark = pytest.mark.django_db


def test_every_registry_platform_is_a_taxonomy_platform():
    assert list(Platform.objects.values_list("code", flat=True)) == [
        "facebook", "x", "youtube", "instagram", "linkedin", "tiktok", "threads", "bluesky",
        "mastodon", "blog", "podcast", "other",
    ]  # fmt: skip
    assert set(Platform.objects.values_list("code", flat=True)) == set(PlatformCode.values)


def test_the_topics_the_center_starts_with():
    assert list(Topic.objects.values_list("name", flat=True)) == [
        "Strategy and planning",
        "Policy and legal",
        "HIPAA and privacy",
        "Measurement and ROI",
        "Crisis response",
        "Recruitment",
        "Patient education",
        "Reputation and reviews",
        "Physician presence",
        "Content and production",
    ]

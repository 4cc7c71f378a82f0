"""Addresses of social-media accounts: every way of writing one account gives one identity.

The registry counts hospitals' and physicians' accounts, so `@MayoClinic`, `twitter.com/mayoclinic`
and `https://x.com/MayoClinic/` must all be the one X account, while each platform's own pages
(x.com/search, Facebook groups, YouTube videos) must be refused with a reason people understand.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from socialrx.core.platforms import (
    PLATFORM_ORDER,
    SOCIAL_PLATFORMS,
    AccountAddress,
    AccountAddressError,
    Platform,
    detect_platform,
    normalize_account,
    platform_from_label,
)

pytestmark = pytest.mark.unit

CHANNEL_ID = "UCkQ0gRNjtMN8Q8AIRf7PRyA"
DID = "did:plc:ewvi7nxzyoun6zhxrhs64oiz"


def normalized(value, platform=None):
    address = normalize_account(value, platform)
    return address.handle, address.key, address.url


def refusal(value, platform=None):
    with pytest.raises(AccountAddressError) as refused:
        normalize_account(value, platform)
    return refused.value.message


# --- The platforms ------------------------------------------------------------------------------


def test_platforms_are_listed_in_order_and_social_ones_exclude_web_sites():
    assert PLATFORM_ORDER == (
        "facebook",
        "x",
        "youtube",
        "instagram",
        "linkedin",
        "tiktok",
        "threads",
        "bluesky",
        "mastodon",
        "blog",
        "podcast",
        "other",
    )
    assert PLATFORM_ORDER[:9] == SOCIAL_PLATFORMS


def test_the_platform_of_an_address_is_a_plain_platform_value():
    address = normalize_account("@MayoClinic", Platform.X)

    assert address == AccountAddress("x", "@MayoClinic", "mayoclinic", "https://x.com/MayoClinic")
    assert type(address.platform) is str


# --- One account, one identity ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "platform"),
    [
        ("@MayoClinic", "x"),
        ("twitter.com/mayoclinic", None),
        ("x.com/MayoClinic/", None),
        ("https://mobile.twitter.com/#!/MayoClinic", None),
        ("http://www.twitter.com/MayoClinic?lang=en", None),
    ],
)
def test_every_way_of_writing_an_x_account_gives_one_key_and_an_x_com_url(value, platform):
    address = normalize_account(value, platform)

    assert address.platform == "x"
    assert address.key == "mayoclinic"
    assert address.url.lower() == "https://x.com/mayoclinic"


def test_facebook_usernames_differing_in_case_and_periods_are_one_account():
    keys = {
        normalize_account(value, platform).key
        for value, platform in [
            ("facebook.com/MayoClinic", None),
            ("https://m.facebook.com/mayo.clinic/", None),
            ("MAYO.CLINIC", "facebook"),
        ]
    }

    assert keys == {"mayoclinic"}


def test_youtube_channel_ids_are_case_sensitive():
    upper = normalize_account(f"youtube.com/channel/{CHANNEL_ID}")
    changed = normalize_account(f"youtube.com/channel/{CHANNEL_ID[:2]}{CHANNEL_ID[2:].swapcase()}")

    assert upper.key != changed.key


# --- Accepted forms, per platform ---------------------------------------------------------------

ACCEPTED = [
    # X
    ("@MayoClinic", "x", ("@MayoClinic", "mayoclinic", "https://x.com/MayoClinic")),
    ("MayoClinic", "x", ("@MayoClinic", "mayoclinic", "https://x.com/MayoClinic")),
    ("twitter.com/mayoclinic", None, ("@mayoclinic", "mayoclinic", "https://x.com/mayoclinic")),
    (
        "HTTPS://WWW.X.COM/MayoClinic",
        None,
        ("@MayoClinic", "mayoclinic", "https://x.com/MayoClinic"),
    ),
    (
        "https://x.com/MayoClinic/status/1790000000000000000?s=20",
        None,
        ("@MayoClinic", "mayoclinic", "https://x.com/MayoClinic"),
    ),
    (
        "https://twitter.com/MayoClinic/with_replies",
        "x",
        ("@MayoClinic", "mayoclinic", "https://x.com/MayoClinic"),
    ),
    ("https://x.com/@MayoClinic", None, ("@MayoClinic", "mayoclinic", "https://x.com/MayoClinic")),
    (
        "m.twitter.com/Dr_Jane_Doe",
        None,
        ("@Dr_Jane_Doe", "dr_jane_doe", "https://x.com/Dr_Jane_Doe"),
    ),
    # Facebook
    (
        "facebook.com/MayoClinic",
        None,
        ("MayoClinic", "mayoclinic", "https://www.facebook.com/MayoClinic"),
    ),
    (
        "https://m.facebook.com/mayo.clinic/",
        None,
        ("mayo.clinic", "mayoclinic", "https://www.facebook.com/mayo.clinic"),
    ),
    ("MayoClinic", "facebook", ("MayoClinic", "mayoclinic", "https://www.facebook.com/MayoClinic")),
    (
        "fb.com/MayoClinic",
        None,
        ("MayoClinic", "mayoclinic", "https://www.facebook.com/MayoClinic"),
    ),
    ("fb.me/MayoClinic", None, ("MayoClinic", "mayoclinic", "https://www.facebook.com/MayoClinic")),
    (
        "https://business.facebook.com/MayoClinic/posts/123?ref=page",
        None,
        ("MayoClinic", "mayoclinic", "https://www.facebook.com/MayoClinic"),
    ),
    (
        "https://www.facebook.com/#!/MayoClinic",
        None,
        ("MayoClinic", "mayoclinic", "https://www.facebook.com/MayoClinic"),
    ),
    (
        "facebook.com/pg/MayoClinic/about/",
        None,
        ("MayoClinic", "mayoclinic", "https://www.facebook.com/MayoClinic"),
    ),
    (
        "https://www.facebook.com/profile.php?id=100064&sk=about",
        None,
        ("profile.php?id=100064", "id:100064", "https://www.facebook.com/profile.php?id=100064"),
    ),
    (
        "facebook.com/profile.php?id=0100064",
        None,
        ("profile.php?id=100064", "id:100064", "https://www.facebook.com/profile.php?id=100064"),
    ),
    (
        "profile.php?id=100064",
        "facebook",
        ("profile.php?id=100064", "id:100064", "https://www.facebook.com/profile.php?id=100064"),
    ),
    (
        "facebook.com/pages/Mayo-Clinic-Health-System/123456",
        None,
        (
            "Mayo Clinic Health System",
            "id:123456",
            "https://www.facebook.com/profile.php?id=123456",
        ),
    ),
    (
        "https://www.facebook.com/people/Jane-Doe-MD/100089/",
        None,
        ("Jane Doe MD", "id:100089", "https://www.facebook.com/profile.php?id=100089"),
    ),
    (
        "https://www.facebook.com/p/Mayo-Clinic-Store-100064/",
        None,
        ("Mayo Clinic Store", "id:100064", "https://www.facebook.com/profile.php?id=100064"),
    ),
    # YouTube
    (
        "youtube.com/@MayoClinic",
        None,
        ("@MayoClinic", "@mayoclinic", "https://www.youtube.com/@MayoClinic"),
    ),
    (
        "https://m.youtube.com/@MayoClinic/videos?view=0",
        None,
        ("@MayoClinic", "@mayoclinic", "https://www.youtube.com/@MayoClinic"),
    ),
    (
        "@MayoClinic",
        "youtube",
        ("@MayoClinic", "@mayoclinic", "https://www.youtube.com/@MayoClinic"),
    ),
    (
        "MayoClinic",
        "youtube",
        ("@MayoClinic", "@mayoclinic", "https://www.youtube.com/@MayoClinic"),
    ),
    (
        f"https://www.youtube.com/channel/{CHANNEL_ID}/featured",
        None,
        (CHANNEL_ID, f"channel:{CHANNEL_ID}", f"https://www.youtube.com/channel/{CHANNEL_ID}"),
    ),
    (
        CHANNEL_ID,
        "youtube",
        (CHANNEL_ID, f"channel:{CHANNEL_ID}", f"https://www.youtube.com/channel/{CHANNEL_ID}"),
    ),
    (
        "youtube.com/c/MayoClinic",
        None,
        ("c/MayoClinic", "c:mayoclinic", "https://www.youtube.com/c/MayoClinic"),
    ),
    (
        "youtube.com/user/mayoclinic",
        None,
        ("user/mayoclinic", "user:mayoclinic", "https://www.youtube.com/user/mayoclinic"),
    ),
    (
        "https://www.youtube.com/MayoClinic",
        None,
        ("c/MayoClinic", "c:mayoclinic", "https://www.youtube.com/c/MayoClinic"),
    ),
    # Instagram
    (
        "instagram.com/mayoclinic/",
        None,
        ("@mayoclinic", "mayoclinic", "https://www.instagram.com/mayoclinic/"),
    ),
    (
        "https://www.instagram.com/MayoClinic?igsh=abc",
        None,
        ("@MayoClinic", "mayoclinic", "https://www.instagram.com/MayoClinic/"),
    ),
    (
        "instagram.com/mayoclinic/reels/",
        None,
        ("@mayoclinic", "mayoclinic", "https://www.instagram.com/mayoclinic/"),
    ),
    (
        "@mayo.clinic_",
        "instagram",
        ("@mayo.clinic_", "mayo.clinic_", "https://www.instagram.com/mayo.clinic_/"),
    ),
    # LinkedIn
    (
        "https://www.linkedin.com/company/mayo-clinic/",
        None,
        (
            "company/mayo-clinic",
            "company:mayo-clinic",
            "https://www.linkedin.com/company/mayo-clinic/",
        ),
    ),
    (
        "uk.linkedin.com/company/Mayo-Clinic/about/",
        None,
        (
            "company/Mayo-Clinic",
            "company:mayo-clinic",
            "https://www.linkedin.com/company/Mayo-Clinic/",
        ),
    ),
    (
        "linkedin.com/school/mayo-clinic-college",
        None,
        (
            "school/mayo-clinic-college",
            "school:mayo-clinic-college",
            "https://www.linkedin.com/school/mayo-clinic-college/",
        ),
    ),
    (
        "linkedin.com/showcase/mayo-clinic-press",
        None,
        (
            "showcase/mayo-clinic-press",
            "showcase:mayo-clinic-press",
            "https://www.linkedin.com/showcase/mayo-clinic-press/",
        ),
    ),
    (
        "https://www.linkedin.com/in/jane-doe-md-12345/",
        None,
        (
            "in/jane-doe-md-12345",
            "in:jane-doe-md-12345",
            "https://www.linkedin.com/in/jane-doe-md-12345/",
        ),
    ),
    (
        "company/mayo-clinic",
        "linkedin",
        (
            "company/mayo-clinic",
            "company:mayo-clinic",
            "https://www.linkedin.com/company/mayo-clinic/",
        ),
    ),
    (
        "in/jane-doe",
        "linkedin",
        ("in/jane-doe", "in:jane-doe", "https://www.linkedin.com/in/jane-doe/"),
    ),
    (
        "mayo-clinic",
        "linkedin",
        (
            "company/mayo-clinic",
            "company:mayo-clinic",
            "https://www.linkedin.com/company/mayo-clinic/",
        ),
    ),
    (
        "linkedin.com/company/H%C3%B4pital-Sud",
        None,
        (
            "company/Hôpital-Sud",
            "company:hôpital-sud",
            "https://www.linkedin.com/company/H%C3%B4pital-Sud/",
        ),
    ),
    # TikTok
    (
        "tiktok.com/@mayoclinic",
        None,
        ("@mayoclinic", "mayoclinic", "https://www.tiktok.com/@mayoclinic"),
    ),
    (
        "https://www.tiktok.com/@MayoClinic/video/7234?lang=en",
        None,
        ("@MayoClinic", "mayoclinic", "https://www.tiktok.com/@MayoClinic"),
    ),
    (
        "m.tiktok.com/@mayo.clinic",
        None,
        ("@mayo.clinic", "mayo.clinic", "https://www.tiktok.com/@mayo.clinic"),
    ),
    ("mayoclinic", "tiktok", ("@mayoclinic", "mayoclinic", "https://www.tiktok.com/@mayoclinic")),
    ("@mayoclinic", "tiktok", ("@mayoclinic", "mayoclinic", "https://www.tiktok.com/@mayoclinic")),
    # Threads
    (
        "threads.net/@mayoclinic",
        None,
        ("@mayoclinic", "mayoclinic", "https://www.threads.com/@mayoclinic"),
    ),
    (
        "https://www.threads.com/@MayoClinic/post/C1abc",
        None,
        ("@MayoClinic", "mayoclinic", "https://www.threads.com/@MayoClinic"),
    ),
    (
        "@mayoclinic",
        "threads",
        ("@mayoclinic", "mayoclinic", "https://www.threads.com/@mayoclinic"),
    ),
    # Bluesky
    (
        "bsky.app/profile/mayoclinic.bsky.social",
        None,
        (
            "@mayoclinic.bsky.social",
            "mayoclinic.bsky.social",
            "https://bsky.app/profile/mayoclinic.bsky.social",
        ),
    ),
    (
        "https://bsky.app/profile/MayoClinic.org/post/3kabc",
        None,
        ("@MayoClinic.org", "mayoclinic.org", "https://bsky.app/profile/MayoClinic.org"),
    ),
    (
        "@mayoclinic",
        "bluesky",
        (
            "@mayoclinic.bsky.social",
            "mayoclinic.bsky.social",
            "https://bsky.app/profile/mayoclinic.bsky.social",
        ),
    ),
    (
        "mayoclinic",
        "bluesky",
        (
            "@mayoclinic.bsky.social",
            "mayoclinic.bsky.social",
            "https://bsky.app/profile/mayoclinic.bsky.social",
        ),
    ),
    (
        "@mayoclinic.org",
        "bluesky",
        ("@mayoclinic.org", "mayoclinic.org", "https://bsky.app/profile/mayoclinic.org"),
    ),
    (DID, "bluesky", (DID, DID, f"https://bsky.app/profile/{DID}")),
    (f"bsky.app/profile/{DID}", None, (DID, DID, f"https://bsky.app/profile/{DID}")),
    (
        "did:web:mayoclinic.org",
        "bluesky",
        (
            "did:web:mayoclinic.org",
            "did:web:mayoclinic.org",
            "https://bsky.app/profile/did:web:mayoclinic.org",
        ),
    ),
    # Mastodon
    (
        "@jane@mastodon.social",
        None,
        ("@jane@mastodon.social", "jane@mastodon.social", "https://mastodon.social/@jane"),
    ),
    (
        "jane@med-mastodon.com",
        "mastodon",
        ("@jane@med-mastodon.com", "jane@med-mastodon.com", "https://med-mastodon.com/@jane"),
    ),
    (
        "@DrJane@Mastodon.Social",
        "mastodon",
        ("@DrJane@mastodon.social", "drjane@mastodon.social", "https://mastodon.social/@DrJane"),
    ),
    (
        "https://mastodon.social/@DrJane",
        None,
        ("@DrJane@mastodon.social", "drjane@mastodon.social", "https://mastodon.social/@DrJane"),
    ),
    (
        "https://mastodon.online/users/drjane",
        None,
        ("@drjane@mastodon.online", "drjane@mastodon.online", "https://mastodon.online/@drjane"),
    ),
    (
        "https://med.example.org/@drjane/109876",
        "mastodon",
        ("@drjane@med.example.org", "drjane@med.example.org", "https://med.example.org/@drjane"),
    ),
    (
        "https://mastodon.social/@drjane@med.example.org",
        None,
        ("@drjane@med.example.org", "drjane@med.example.org", "https://med.example.org/@drjane"),
    ),
    # Blogs, podcasts and other sites
    (
        "blog.mayoclinic.org",
        "blog",
        ("blog.mayoclinic.org", "blog.mayoclinic.org", "https://blog.mayoclinic.org"),
    ),
    (
        "https://www.MayoClinic.org/Health/?utm_source=x&utm_medium=y&fbclid=1&b=2&a=1#top",
        "blog",
        (
            "mayoclinic.org/Health?a=1&b=2",
            "mayoclinic.org/Health?a=1&b=2",
            "https://www.mayoclinic.org/Health?a=1&b=2",
        ),
    ),
    (
        "http://newsnetwork.mayoclinic.org:80/category/podcasts/",
        "podcast",
        (
            "newsnetwork.mayoclinic.org/category/podcasts",
            "newsnetwork.mayoclinic.org/category/podcasts",
            "https://newsnetwork.mayoclinic.org/category/podcasts",
        ),
    ),
    (
        "https://podcasts.apple.com/us/podcast/mayo-clinic-talks/id1234?gclid=z",
        "podcast",
        (
            "podcasts.apple.com/us/podcast/mayo-clinic-talks/id1234",
            "podcasts.apple.com/us/podcast/mayo-clinic-talks/id1234",
            "https://podcasts.apple.com/us/podcast/mayo-clinic-talks/id1234",
        ),
    ),
    (
        "https://open.spotify.com/show/4abc",
        "podcast",
        (
            "open.spotify.com/show/4abc",
            "open.spotify.com/show/4abc",
            "https://open.spotify.com/show/4abc",
        ),
    ),
    (
        "example.org:8080/feed",
        "other",
        ("example.org:8080/feed", "example.org:8080/feed", "https://example.org:8080/feed"),
    ),
    ("https://www.com/news/", "other", ("www.com/news", "www.com/news", "https://www.com/news")),
    (
        "twitter.com/MayoClinic",
        "other",
        ("twitter.com/MayoClinic", "twitter.com/MayoClinic", "https://twitter.com/MayoClinic"),
    ),
]


@pytest.mark.parametrize(("value", "platform", "expected"), ACCEPTED)
def test_accepted_forms_give_the_expected_handle_key_and_url(value, platform, expected):
    assert normalized(value, platform) == expected


def test_the_platform_is_detected_from_the_host_when_none_is_given():
    assert normalize_account("instagram.com/mayoclinic").platform == "instagram"
    assert normalize_account("bsky.app/profile/mayoclinic.org").platform == "bluesky"
    assert normalize_account("@jane@med.example.org").platform == "mastodon"


# --- Refused forms, per platform ----------------------------------------------------------------

REFUSED = [
    # Any platform
    ("", None, "Enter the account's address"),
    ("   ", "x", "Enter the account's address"),
    ("a" * 501, "other", "too long"),
    ("Mayo\x00Clinic", "x", "control characters"),
    ("Mayo\u200bClinic", "x", "invisible"),
    ("Mayo Clinic", "x", "addresses have no spaces"),
    ("MayoClinic", None, "Say which platform this account is on"),
    ("@MayoClinic", "", "Say which platform this account is on"),
    ("https://blog.mayoclinic.org", None, "is unknown: choose Blog, Podcast or Other"),
    ("https://med.example.org/@drjane", None, "If it is a Mastodon account, choose Mastodon"),
    ("x.com/MayoClinic", "myspace", "is not a platform we know"),
    ("javascript:alert(1)", "other", "only http and https addresses"),
    ("ftp://example.org/feed", "podcast", "only http and https addresses"),
    ("https:example.org", "blog", "is not a complete web address"),
    ("https://user:secret@x.com/MayoClinic", None, "contains a user name or password"),
    ("https://[::1/", "other", "is not a valid web address"),
    ("https://x.com:99999/MayoClinic", None, "is not a valid web address"),
    # X
    ("twitter.com/search", None, "“search” is one of X's own pages"),
    ("https://x.com/i/lists/123", None, "one of X's own pages"),
    ("x.com/hashtag/health", None, "one of X's own pages"),
    ("twitter.com/intent/tweet?text=hi", None, "one of X's own pages"),
    ("@home", "x", "one of X's own pages"),
    ("@Mayo-Clinic", "x", "X handles are 1 to 15 letters, digits or underscores"),
    ("@ThisHandleIsTooLong", "x", "1 to 15 letters"),
    ("x.com", None, "does not name an X account"),
    ("facebook.com/mayoclinic", "x", "is a Facebook address, not an X address"),
    ("https://example.org/MayoClinic", "x", "X accounts are on x.com"),
    # Facebook
    ("facebook.com/groups/123456", None, "is a Facebook group, not a page"),
    ("facebook.com/events/123456", None, "one of Facebook's own pages"),
    ("https://www.facebook.com/watch/?v=123", None, "one of Facebook's own pages"),
    ("https://www.facebook.com/photo.php?fbid=123", None, "one of Facebook's own pages"),
    ("facebook.com/sharer/sharer.php?u=x", None, "one of Facebook's own pages"),
    ("facebook.com/Mayo", None, "5 to 50 letters, digits or periods"),
    (".MayoClinic", "facebook", "do not start or end with a period"),
    ("Mayo_Clinic", "facebook", "5 to 50 letters, digits or periods"),
    ("facebook.com/profile.php", None, "does not name a Facebook account"),
    ("facebook.com/pages/Mayo-Clinic", None, "does not name a Facebook account"),
    ("facebook.com", None, "does not name a Facebook account"),
    ("twitter.com/MayoClinic", "facebook", "is an X address, not a Facebook address"),
    # YouTube
    ("youtu.be/dQw4w9WgXcQ", None, "a link to a video, not a channel"),
    ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", None, "a link to a video, not a channel"),
    ("youtube.com/shorts/abc123", None, "a link to a video, not a channel"),
    ("youtube.com/playlist?list=PL123", None, "not a channel"),
    ("youtube.com/results?search_query=mayo", None, "not a channel"),
    ("youtube.com/channel/UCshort", None, "channel IDs are 24 characters and start with UC"),
    ("youtube.com/channel", None, "does not name a YouTube account"),
    ("@ab", "youtube", "YouTube handles are 3 to 30 letters"),
    ("youtube.com/feed/subscriptions", None, "one of YouTube's own pages"),
    ("instagram.com/mayoclinic", "youtube", "is an Instagram address, not a YouTube address"),
    # Instagram
    ("instagram.com/p/Cxyz123", None, "one of Instagram's own pages"),
    ("https://www.instagram.com/reel/Cxyz123/", None, "one of Instagram's own pages"),
    ("instagram.com/explore/tags/health", None, "one of Instagram's own pages"),
    ("@mayo-clinic", "instagram", "1 to 30 letters, digits, periods or underscores"),
    ("@" + "a" * 31, "instagram", "1 to 30 letters"),
    # LinkedIn
    ("linkedin.com/feed/", None, "linkedin.com/company/name or linkedin.com/in/name"),
    ("https://www.linkedin.com/posts/mayo-clinic_activity-123", None, "does not name a LinkedIn"),
    ("linkedin.com/pulse/some-article", None, "does not name a LinkedIn account"),
    ("linkedin.com/company", None, "does not name a LinkedIn account"),
    ("linkedin.com/company/a", None, "2 to 100 letters, digits, hyphens or underscores"),
    ("linkedin.com/company/mayo%20clinic", None, "2 to 100 letters"),
    # TikTok
    ("tiktok.com/mayoclinic", None, "tiktok.com/@name"),
    ("tiktok.com/discover", None, "does not name a TikTok account"),
    ("vm.tiktok.com/ZM123/", None, "a short link to a TikTok video, not an account"),
    ("@mayoclinic.", "tiktok", "do not end with a period"),
    ("@m", "tiktok", "2 to 24 letters"),
    # Threads
    ("threads.net/mayoclinic", None, "threads.com/@name"),
    ("@mayo-clinic", "threads", "Threads accounts are Instagram accounts"),
    # Bluesky
    ("bsky.app/search?q=mayo", None, "bsky.app/profile/name.bsky.social"),
    ("bsky.app/profile", None, "does not name a Bluesky account"),
    ("@mayo_clinic", "bluesky", "Bluesky handles are domain names"),
    ("did:plc:short", "bluesky", "a DID looks like did:plc:"),
    ("https://example.org/profile/mayoclinic.org", "bluesky", "Bluesky accounts are on bsky.app"),
    # Mastodon
    ("@jane", "mastodon", "Mastodon addresses need the server, as in @name@mastodon.social"),
    ("jane", "mastodon", "Mastodon addresses need the server"),
    ("https://mastodon.social/about", None, "does not name a Mastodon account"),
    ("@jane-doe@mastodon.social", "mastodon", "1 to 30 letters, digits or underscores"),
    ("@jane@localhost", "mastodon", "“localhost” is not a server name"),
    ("x.com/jane", "mastodon", "is an X address, not a Mastodon address"),
    # Blogs, podcasts and other sites
    ("MayoClinic", "blog", "is not a web address"),
    ("https://localhost/blog", "blog", "“localhost” is not a site name"),
    ("https://192.168.0.1/blog", "other", "is not a site name"),
]


@pytest.mark.parametrize(("value", "platform", "reason"), REFUSED)
def test_refused_forms_say_why(value, platform, reason):
    assert reason in refusal(value, platform)


def test_the_refusal_quotes_what_was_written_and_names_the_platforms_own_page():
    assert refusal("twitter.com/search") == (
        "“twitter.com/search” is not an X account: “search” is one of X's own pages."
    )


def test_the_refusal_is_a_value_error_carrying_its_message():
    with pytest.raises(ValueError, match="is a Facebook address, not an X address") as refused:
        normalize_account("facebook.com/mayoclinic", "x")

    assert str(refused.value) == refused.value.message


# --- detect_platform and platform_from_label ----------------------------------------------------


@pytest.mark.parametrize(
    ("value", "platform"),
    [
        ("twitter.com/MayoClinic", "x"),
        ("https://x.com/MayoClinic", "x"),
        ("https://www.facebook.com/MayoClinic", "facebook"),
        ("fb.me/MayoClinic", "facebook"),
        ("youtube.com/@MayoClinic", "youtube"),
        ("youtu.be/dQw4w9WgXcQ", "youtube"),
        ("https://www.instagram.com/mayoclinic/", "instagram"),
        ("uk.linkedin.com/company/mayo-clinic", "linkedin"),
        ("tiktok.com/@mayoclinic", "tiktok"),
        ("threads.net/@mayoclinic", "threads"),
        ("bsky.app/profile/mayoclinic.bsky.social", "bluesky"),
        ("https://mastodon.social/@jane", "mastodon"),
        ("@jane@med.example.org", "mastodon"),
        ("jane@mastodon.social", "mastodon"),
        ("MayoClinic", None),
        ("@MayoClinic", None),
        ("https://blog.mayoclinic.org", None),
        ("jane@example.org", None),
        ("https://twitter.com.example.org/MayoClinic", None),
        ("https://notx.com/MayoClinic", None),
        ("ftp://x.com/MayoClinic", None),
        ("", None),
    ],
)
def test_detect_platform_knows_platforms_by_their_hosts(value, platform):
    assert detect_platform(value) == platform


@pytest.mark.parametrize(
    ("label", "platform"),
    [
        ("Twitter", "x"),
        ("X", "x"),
        ("x/twitter", "x"),
        ("Twitter / X", "x"),
        ("X (formerly Twitter)", "x"),
        ("X (Twitter)", "x"),
        ("twitter handle", "x"),
        ("FB", "facebook"),
        ("facebook page", "facebook"),
        ("Facebook", "facebook"),
        ("YouTube channel", "youtube"),
        ("youtube", "youtube"),
        ("Instagram", "instagram"),
        ("IG", "instagram"),
        ("Linked In", "linkedin"),
        ("LinkedIn company page", "linkedin"),
        ("Tik Tok", "tiktok"),
        ("Threads", "threads"),
        ("Blue Sky", "bluesky"),
        ("bsky", "bluesky"),
        ("Mastodon", "mastodon"),
        ("blog", "blog"),
        ("Podcast", "podcast"),
        ("Apple Podcasts", "podcast"),
        ("Other", "other"),
        ("Myspace", None),
        ("Google+", None),
        ("page", None),
        ("", None),
    ],
)
def test_platform_from_label_reads_how_people_name_platforms(label, platform):
    assert platform_from_label(label) == platform


# --- Properties ---------------------------------------------------------------------------------

# Handles that are one of X's or Instagram's own pages are refused, so they are not generated.
X_PAGES = {"home", "explore", "search", "hashtag", "i", "intent", "share", "settings"}
X_PAGES |= {"messages", "notifications", "login", "signup", "tos", "privacy", "compose"}
X_PAGES |= {"who_to_follow"}
INSTAGRAM_PAGES = {"p", "reel", "reels", "explore", "stories", "accounts", "direct", "tv"}
FACEBOOK_PAGES = {"groups", "events", "watch", "marketplace", "gaming", "login", "sharer"}
FACEBOOK_PAGES |= {"share", "help", "policies", "photo.php", "story.php", "permalink.php"}
FACEBOOK_PAGES |= {"hashtag", "home.php", "login.php", "sharer.php", "reel", "stories"}
FACEBOOK_PAGES |= {"search", "settings", "notifications", "messages", "friends", "dialog"}
FACEBOOK_PAGES |= {"plugins"}

FAST = settings(max_examples=200, deadline=None)


def _pattern(regex):
    return st.from_regex(regex, fullmatch=True)


x_handles = _pattern(r"[A-Za-z0-9_]{1,15}").filter(lambda name: name.lower() not in X_PAGES)
labels = _pattern(r"[a-z0-9]([a-z0-9-]{0,8}[a-z0-9])?")
domains = st.builds(
    lambda parts, tld: ".".join([*parts, tld]),
    st.lists(labels, min_size=1, max_size=3),
    _pattern(r"[a-z][a-z0-9]{1,5}"),
)


@st.composite
def mixed_case(draw, text):
    flips = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    return "".join(ch.upper() if flip else ch.lower() for ch, flip in zip(text, flips, strict=True))


@st.composite
def written_x_accounts(draw):
    """(handle, platform, one way of writing the account)."""
    handle = draw(x_handles)
    written = draw(mixed_case(handle))
    if draw(st.booleans()):
        return handle, "x", draw(st.sampled_from(["@", ""])) + written
    scheme = draw(st.sampled_from(["", "http://", "https://"]))
    host = draw(mixed_case(draw(st.sampled_from(["twitter.com", "x.com"]))))
    prefix = draw(st.sampled_from(["", "www.", "mobile.", "m."]))
    path = draw(st.sampled_from(["/", "/#!/", "/@"])) + written
    slash = draw(st.sampled_from(["", "/"]))
    query = draw(st.sampled_from(["", "?lang=en", "?s=20&t=AbC"]))
    return handle, draw(st.sampled_from([None, "x"])), f"{scheme}{prefix}{host}{path}{slash}{query}"


@FAST
@given(written_x_accounts())
def test_any_way_of_writing_a_valid_x_handle_gives_its_lowercase_key(case):
    handle, platform, written = case

    assert normalize_account(written, platform).key == handle.lower()


HANDLES = {
    "x": x_handles.map(lambda name: "@" + name),
    "instagram": _pattern(r"[A-Za-z0-9._]{1,30}")
    .filter(lambda name: name.lower() not in INSTAGRAM_PAGES)
    .map(lambda name: "@" + name),
    "tiktok": _pattern(r"[A-Za-z0-9_.]{1,23}[A-Za-z0-9_]").map(lambda name: "@" + name),
    "threads": _pattern(r"[A-Za-z0-9._]{1,30}").map(lambda name: "@" + name),
    "youtube": _pattern(r"[A-Za-z0-9_.-]{3,30}").map(lambda name: "@" + name),
    "bluesky": st.one_of(labels, domains).flatmap(mixed_case).map(lambda name: "@" + name),
    "mastodon": st.builds(
        lambda user, server: f"@{user}@{server}", _pattern(r"[A-Za-z0-9_]{1,30}"), domains
    ),
}
OTHER_ACCOUNTS = {
    "facebook": _pattern(r"[A-Za-z0-9][A-Za-z0-9.]{3,48}[A-Za-z0-9]").filter(
        lambda name: name.lower() not in FACEBOOK_PAGES
    ),
    "linkedin": st.builds(
        lambda kind, slug: f"{kind}/{slug}",
        st.sampled_from(["company", "school", "showcase", "in"]),
        _pattern(r"[A-Za-z0-9_-]{2,100}"),
    ),
}


@FAST
@given(st.sampled_from(sorted(HANDLES)).flatmap(lambda p: st.tuples(st.just(p), HANDLES[p])))
def test_normalising_the_canonical_url_or_the_handle_of_an_at_handle_account_changes_nothing(
    case,
):
    platform, written = case
    address = normalize_account(written, platform)

    again = normalize_account(address.url, address.platform)
    assert (again.platform, again.key, again.url) == (platform, address.key, address.url)
    assert again.handle.lower() == address.handle.lower()
    assert normalize_account(address.handle, platform).key == address.key


@FAST
@given(
    st.sampled_from(sorted(OTHER_ACCOUNTS)).flatmap(
        lambda p: st.tuples(st.just(p), OTHER_ACCOUNTS[p])
    )
)
def test_normalising_the_canonical_url_of_a_facebook_or_linkedin_account_changes_nothing(case):
    platform, written = case
    address = normalize_account(written, platform)

    assert normalize_account(address.url, address.platform) == address


@st.composite
def web_addresses(draw):
    scheme = draw(st.sampled_from(["", "http://", "https://"]))
    prefix = draw(st.sampled_from(["", "www.", "WWW."]))
    host = draw(domains.flatmap(mixed_case))
    port = draw(st.sampled_from(["", ":443", ":80", ":8080"]))
    segments = draw(st.lists(_pattern(r"[A-Za-z0-9._~-]{1,12}"), max_size=4))
    slash = draw(st.sampled_from(["", "/"]))
    params = draw(
        st.lists(
            st.tuples(
                st.one_of(_pattern(r"[a-z]{1,6}"), st.sampled_from(["utm_source", "fbclid"])),
                _pattern(r"[A-Za-z0-9]{0,6}"),
            ),
            max_size=3,
        )
    )
    query = "?" + "&".join(f"{name}={value}" for name, value in params) if params else ""
    fragment = draw(st.sampled_from(["", "#top"]))
    path = "".join("/" + segment for segment in segments)
    return f"{scheme}{prefix}{host}{port}{path}{slash}{query}{fragment}"


@FAST
@given(web_addresses(), st.sampled_from(["blog", "podcast", "other"]))
def test_normalising_the_canonical_url_of_a_web_site_changes_nothing(written, platform):
    address = normalize_account(written, platform)

    assert normalize_account(address.url, platform) == address
    assert "utm_" not in address.key
    assert "fbclid" not in address.key


PREFIXES = [
    "",
    "@",
    "https://",
    "x.com/",
    "facebook.com/",
    "youtube.com/",
    "linkedin.com/company/",
    "tiktok.com/@",
    "bsky.app/profile/",
    "https://mastodon.social/@",
    "did:plc:",
    "blog.example.org/",
]
any_text = st.one_of(
    st.text(max_size=600),
    st.builds(lambda prefix, rest: prefix + rest, st.sampled_from(PREFIXES), st.text(max_size=60)),
)
any_platform = st.sampled_from([None, "", *PLATFORM_ORDER])


@FAST
@given(any_text, any_platform)
def test_any_text_gives_an_address_or_a_refusal_and_never_another_error(text, platform):
    try:
        address = normalize_account(text, platform)
    except AccountAddressError as refused:
        assert refused.message
    else:
        assert isinstance(address, AccountAddress)
    assert detect_platform(text) in (None, *SOCIAL_PLATFORMS)
    assert platform_from_label(text) in (None, *PLATFORM_ORDER)


@FAST
@given(
    st.one_of(
        st.tuples(any_text, any_platform),
        written_x_accounts().map(lambda case: (case[2], case[1])),
        st.tuples(web_addresses(), st.sampled_from(["blog", "podcast", "other"])),
    )
)
def test_a_canonical_url_is_https_and_has_no_whitespace(case):
    text, platform = case
    try:
        address = normalize_account(text, platform)
    except AccountAddressError:
        return

    assert address.url.startswith("https://")
    assert not any(ch.isspace() for ch in address.url)

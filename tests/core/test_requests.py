"""The client's address behind trusted proxies, and UUID-shaped URL parts."""

import pytest
from django.test import RequestFactory

from socialrx.core.requests import client_ip, is_uuid

pytestmark = pytest.mark.unit


def request_from(remote: str, forwarded: str = ""):
    headers = {"HTTP_X_FORWARDED_FOR": forwarded} if forwarded else {}
    return RequestFactory().get("/", REMOTE_ADDR=remote, **headers)


def test_without_trusted_proxies_the_forwarded_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_ip(request_from("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "198.51.100.1", "198.51.100.1"),
        # A client writing its own header cannot choose its address: the proxy appends.
        (1, "6.6.6.6, 198.51.100.1", "198.51.100.1"),
        (2, "6.6.6.6, 198.51.100.1, 10.0.0.2", "198.51.100.1"),
        (2, "198.51.100.1", "203.0.113.7"),
        (1, "", "203.0.113.7"),
    ],
)
def test_behind_trusted_proxies_the_address_they_saw_is_the_client(
    settings, proxies, forwarded, expected
):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert client_ip(request_from("203.0.113.7", forwarded)) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [("7b178fba-bf65-44a6-aa3d-d57075236655", True), ("240010", False), ("", False)],
)
def test_uuid_shaped_url_parts_are_told_apart(value, expected):
    assert is_uuid(value) is expected

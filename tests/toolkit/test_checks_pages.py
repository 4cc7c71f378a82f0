"""The checker's page: checking without JavaScript (the page posts to itself) and with htmx (the
results alone, with the field's counter out of band), the visitor's short limit and the
member's long one, a 1 MB paste, script in a draft, and that checking stores nothing."""

from __future__ import annotations

import pytest
from django.urls import reverse

from socialrx.core.models import AuditEvent
from socialrx.toolkit.checking import FULL_LIMIT, SHORT_LIMIT
from socialrx.toolkit.models import SavedCheck
from tests.toolkit.factories import make_check_member

pytestmark = pytest.mark.django_db

CHECK = reverse("toolkit:check")
RESULTS = reverse("toolkit:check_results")
DRAFT = "So proud of our patient Maria Lopez, admitted on March 3 to room 412!"
HTMX = {"HX-Request": "true"}


@pytest.fixture
def member(client, org_a):
    organization, _, person = org_a
    make_check_member(organization)
    client.force_login(person)
    return person


def test_the_empty_checker_says_nothing_is_stored(client):
    response = client.get(CHECK)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing you paste is stored" in page
    assert f'hx-post="{RESULTS}"' in page
    assert 'hx-trigger="input changed delay:500ms, submit"' in page
    assert f'action="{CHECK}"' in page  # works without JavaScript


def test_without_javascript_the_page_shows_the_draft_marked_with_each_finding(client):
    response = client.post(CHECK, {"text": DRAFT, "image_description": ""})
    assert response.status_code == 200
    page = response.content.decode()
    assert '<mark class="check-mark check-mark-high"' in page
    # Each mark carries its label in words (not colour alone), linked to its reason.
    assert 'Maria Lopez<span class="check-mark-label"> [<a href=' in page
    assert '>Name<span class="visually-hidden">, high severity</span></a>]' in page
    assert 'March 3<span class="check-mark-label">' in page
    assert "Patient story without consent" in page
    summary = response.context["result"].summary
    assert summary.endswith("identifiers and 1 other risk found")
    assert summary in page
    # The page is whole (the layout), not the htmx piece.
    assert "<html" in page


def test_with_htmx_the_results_come_alone_with_the_counter_out_of_band(client):
    response = client.post(RESULTS, {"text": DRAFT}, headers=HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert "<html" not in page
    assert '<mark class="check-mark' in page
    assert 'id="check-text-status" class="field-help check-text-status" hx-swap-oob="true"' in page
    assert f"{len(DRAFT)} of 600 characters" in page
    assert 'id="check-live" class="visually-hidden" aria-live="polite" hx-swap-oob="true"' in page


def test_results_without_htmx_are_the_whole_page(client):
    response = client.post(RESULTS, {"text": DRAFT})
    assert response.status_code == 200
    assert "<html" in response.content.decode()


def test_a_clean_draft_says_to_read_it_once_more(client):
    response = client.post(CHECK, {"text": "Flu shots are free this Saturday at the clinic."})
    assert "Nothing found — still read it once more before posting." in response.content.decode()


def test_checking_stores_nothing_and_audits_nothing(client, member):
    client.post(CHECK, {"text": DRAFT, "image_description": "Maria's face, close up"})
    client.post(RESULTS, {"text": DRAFT}, headers=HTMX)
    assert SavedCheck.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_a_visitor_checks_a_short_draft_only(client):
    long_draft = "a" * (SHORT_LIMIT + 1)
    response = client.post(CHECK, {"text": long_draft})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Not checked." in page
    assert "The checker takes drafts of up to 600 characters; this one has 601." in page
    assert (
        "Members of the center check drafts of up to 20,000 characters: sign in if you are one."
        in page
    )
    assert response.context["result"] is None


def test_a_visitors_long_draft_while_typing_is_answered_200_with_the_reason(client):
    # htmx swaps only 2xx answers: the reason must come with a 200.
    response = client.post(RESULTS, {"text": "a" * (SHORT_LIMIT + 1)}, headers=HTMX)
    assert response.status_code == 200
    page = response.content.decode()
    assert "this one has 601" in page
    assert "601 of 600 characters" in page


def test_a_signed_in_person_of_no_member_organization_gets_the_short_limit(client, org_b):
    client.force_login(org_b[1])
    response = client.post(CHECK, {"text": "a" * (SHORT_LIMIT + 1)})
    assert response.status_code == 400
    assert (
        "Members of the center check drafts of up to 20,000 characters."
        in response.content.decode()
    )


def test_a_member_checks_a_long_draft(client, member):
    long_draft = (DRAFT + " ") * 100  # 7,000 characters
    response = client.post(CHECK, {"text": long_draft})
    assert response.status_code == 200
    assert response.context["result"].identifier_count >= 100
    assert "of 20,000 characters" in response.content.decode()


def test_a_member_draft_over_the_full_limit_is_refused_beside_the_field(client, member):
    response = client.post(CHECK, {"text": "b" * (FULL_LIMIT + 1)})
    assert response.status_code == 400
    page = response.content.decode()
    assert "The checker takes drafts of up to 20,000 characters; this one has 20,001." in page
    assert "Check it in parts." in page


def test_a_one_megabyte_paste_is_refused_with_a_reason_not_an_error(client, member):
    response = client.post(CHECK, {"text": "c" * 1_000_000})
    assert response.status_code == 413
    page = response.content.decode()
    assert "The checker takes drafts of up to 20,000 characters." in page
    assert SavedCheck.objects.count() == 0


def test_a_one_megabyte_paste_while_typing_gets_the_reason(client):
    response = client.post(RESULTS, {"text": "c" * 1_000_000}, headers=HTMX)
    assert response.status_code == 200
    assert "up to 600 characters" in response.content.decode()


def test_an_image_description_over_its_limit_is_refused(client):
    response = client.post(CHECK, {"text": "Hello", "image_description": "d" * 2_001})
    assert response.status_code == 400
    assert "An image description can be up to 2,000 characters" in response.content.decode()


def test_an_empty_draft_asks_for_one(client):
    response = client.post(CHECK, {"text": "  "})
    assert response.status_code == 400
    assert "Paste or type a draft to check." in response.content.decode()


def test_script_in_a_draft_is_shown_as_text(client):
    draft = (
        '<script>alert("x")</script> Our patient <b>Maria Lopez</b> <img src=x onerror=alert(1)>'
    )
    response = client.post(CHECK, {"text": draft})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;b&gt;" in page
    # The htmx piece is escaped the same way.
    piece = client.post(RESULTS, {"text": draft}, headers=HTMX).content.decode()
    assert "<script>alert" not in piece
    assert "&lt;img src=x onerror=alert(1)&gt;" in piece


def test_line_breaks_count_as_one_character(client):
    response = client.post(RESULTS, {"text": "Line one\r\nLine two"}, headers=HTMX)
    assert "17 of 600 characters" in response.content.decode()


def test_a_member_is_offered_to_save_to_their_member_organizations(client, member, org_a):
    response = client.post(CHECK, {"text": DRAFT})
    page = response.content.decode()
    assert f'action="{reverse("toolkit:check_save")}"' in page
    assert org_a[0].name in page
    assert "unless you choose to save the check" in page


def test_a_visitor_is_not_offered_saving(client):
    page = client.post(CHECK, {"text": DRAFT}).content.decode()
    assert reverse("toolkit:check_save") not in page


def test_get_on_the_results_address_is_refused(client):
    assert client.get(RESULTS).status_code == 405


def test_a_client_checking_too_often_is_asked_to_wait(client, monkeypatch):
    monkeypatch.setattr("socialrx.toolkit.views.checks.CHECKS_PER_MINUTE", 2)
    statuses = [client.post(CHECK, {"text": "Hello"}).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = client.post(RESULTS, {"text": "Hello"}, headers=HTMX)
    assert refused.status_code == 200  # htmx shows only 2xx answers
    assert "checked many drafts in the last minute" in refused.content.decode()


def test_signed_in_people_behind_one_address_each_have_their_own_limit(client, org_a, monkeypatch):
    # A hospital behind one address: its people type at once, each within their own limit.
    monkeypatch.setattr("socialrx.toolkit.views.checks.CHECKS_PER_MINUTE", 2)
    _, admin, member = org_a
    statuses = []
    for person in (admin, member):
        client.force_login(person)
        statuses += [client.post(RESULTS, {"text": "Hello"}).status_code for _ in range(2)]
    assert statuses == [200, 200, 200, 200]
    assert client.post(RESULTS, {"text": "Hello"}).status_code == 429  # the member's third
    client.logout()
    # Visitors at that address count apart from the people signed in there.
    assert client.post(RESULTS, {"text": "Hello"}).status_code == 200


def test_signed_in_people_at_one_address_share_a_higher_ceiling(client, org_a, monkeypatch):
    monkeypatch.setattr("socialrx.toolkit.views.checks.SIGNED_IN_CHECKS_PER_ADDRESS_MINUTE", 3)
    _, admin, member = org_a
    client.force_login(admin)
    assert [client.post(RESULTS, {"text": "Hi"}).status_code for _ in range(2)] == [200, 200]
    client.force_login(member)
    assert [client.post(RESULTS, {"text": "Hi"}).status_code for _ in range(2)] == [200, 429]
    # From another address the same person checks again.
    assert client.post(RESULTS, {"text": "Hi"}, REMOTE_ADDR="192.0.2.9").status_code == 200


def unicode_escape_form(text: str) -> tuple[bytes, str]:
    """A multipart form declaring the charset unicode_escape: Django decodes "\\ud800" in it
    to a lone surrogate, which no text encoding can write."""
    boundary = "check-boundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="text"\r\n\r\n{text}\r\n'
        f"--{boundary}--\r\n"
    ).encode("ascii")
    return body, f"multipart/form-data; boundary={boundary}; charset=unicode_escape"


NOT_TEXT = (
    "The draft contains a character that is not valid text (at character 7), often half of an "
    "emoji broken by copying: delete or retype it, then check again."
)


def test_a_draft_holding_a_character_that_is_not_text_is_refused_with_the_reason(client):
    body, content_type = unicode_escape_form("Maria \\ud800 was admitted")

    response = client.generic("POST", CHECK, body, content_type=content_type)

    assert response.status_code == 422
    assert NOT_TEXT in response.content.decode()
    assert "<html" in response.content.decode()


def test_a_long_draft_holding_a_character_that_is_not_text_is_refused_for_that_first(client):
    # Too long for a visitor as well: the page cannot show such a draft back as it is, so the
    # character is the reason given (and the page is sent, not an error).
    body, content_type = unicode_escape_form("Maria \\ud800 " + "x" * 700)

    response = client.generic("POST", CHECK, body, content_type=content_type)

    assert response.status_code == 422
    page = response.content.decode()
    assert NOT_TEXT in page
    assert "Maria \ufffd xxx" in page  # shown back as far as it can be written


def test_while_typing_a_character_that_is_not_text_gets_the_reason(client):
    body, content_type = unicode_escape_form("Maria \\ud800 was admitted")

    response = client.generic("POST", RESULTS, body, content_type=content_type, headers=HTMX)

    assert response.status_code == 200  # htmx shows only 2xx answers
    assert NOT_TEXT in response.content.decode()
    assert "<html" not in response.content.decode()


def test_a_cure_and_a_guarantee_in_one_sentence_make_one_card_listing_both(client):
    draft = "Our new therapy cures back pain, guaranteed."
    response = client.post(RESULTS, {"text": draft}, headers=HTMX)

    page = response.content.decode()
    assert page.count('class="check-flag check-flag-medium"') == 1
    assert "<strong>Cure claim or guarantee</strong>: “cures”, “guaranteed”" in page
    # Each phrase is still marked in place, and linked from the card.
    assert page.count('<mark class="check-mark check-mark-medium"') == 2
    assert 'Show them in the draft: <a href="#check-mark-1">“cures”</a>, ' in page
    assert '<a href="#check-mark-2">“guaranteed”</a>' in page
    # The second mark's label leads to the card through an anchor inside it.
    assert '<span id="check-flag-2"></span>' in page
    # The counter under the draft says what was found and links to it.
    assert (
        '<a class="check-status-found" href="#check-results-heading">2 other risks found — see '
        "the findings</a>"
    ) in page


def test_the_counter_says_nothing_of_findings_for_a_clean_draft(client):
    response = client.post(RESULTS, {"text": "Flu shots this Saturday, 9 to noon."}, headers=HTMX)
    assert "check-status-found" not in response.content.decode()

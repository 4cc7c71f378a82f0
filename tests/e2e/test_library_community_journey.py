"""The library's and the forums' browser journeys (issue 24), in Debian's Chromium, axe clean
on every page:

1. a member searches the library, opens the member-only policy template and downloads its
   PDF; she asks her question in the forums; a member of another organization answers; she
   accepts the answer. She hears of the reply (she follows her own thread) and he hears that
   his answer was accepted: in the site and by email;
2. a visitor sees the member-only template listed with its "Members" badge; its page is the
   teaser (sign in or become a member, no files); its file's address answers 404.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from socialrx.community.models import Notification, NotificationKind, Thread

from .browser import force_login, last_email_to
from .library_community_world import (
    CATEGORY,
    LAKESIDE,
    TEMPLATE,
    TEMPLATE_FILE,
    library_community_world,
    look,
)

pytestmark = pytest.mark.e2e
QUESTION = "Who approves posts about patients in your policy?"
ANSWER = "Our **legal team** signs off on any post that names a patient."


def result(page, title: str):
    return page.locator("article.library-result").filter(
        has=page.get_by_role("heading", name=title, exact=True)
    )


def _search_and_download_the_template(page) -> None:
    page.goto("/library/")
    page.get_by_role("searchbox", name="Search the library").fill("policy")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_role("status").filter(has_text="resources for")).to_contain_text(
        "2 resources for “policy”"
    )
    expect(page.locator("article.library-result h3")).to_have_text(
        [TEMPLATE, "Writing a social media policy your staff will read"]
    )
    expect(result(page, TEMPLATE).locator(".badge")).to_have_text("Members")
    look(page, "library-search")

    result(page, TEMPLATE).get_by_role("link", name=TEMPLATE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEMPLATE)
    expect(
        page.get_by_text("This policy applies to every account the hospital runs.")
    ).to_be_visible()
    look(page, "library-template")
    with page.expect_download() as downloading:
        page.get_by_role("link", name=TEMPLATE_FILE).click()
    download = downloading.value
    assert download.suggested_filename == TEMPLATE_FILE
    assert Path(download.path()).read_bytes().startswith(b"%PDF")


def _ask_the_question(page, category_name: str) -> None:
    page.goto("/community/")
    look(page, "forums")
    page.get_by_role("link", name=category_name, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(category_name)
    look(page, "forums-category")
    page.get_by_role("link", name="New thread").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Start a thread")
    page.get_by_label("A question").check()
    page.get_by_label("Title").fill(QUESTION)
    page.get_by_label("Your post").fill("We are rewriting our policy after adopting the template.")
    look(page, "forums-new-thread")
    page.get_by_role("button", name="Post the thread").click()
    expect(page.get_by_text("Your thread is posted.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)
    look(page, "forums-question")


def _answer_it(page) -> None:
    page.goto("/community/")
    page.get_by_role("link", name=QUESTION).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)
    page.get_by_label("Your reply").fill(ANSWER)
    page.get_by_role("button", name="Post the reply").click()
    expect(page.get_by_text("Your reply is posted.")).to_be_visible()
    reply = page.locator("#post-2")
    expect(reply.locator(".forum-author")).to_contain_text(f"Dev Patel · {LAKESIDE}")
    expect(reply.locator("strong", has_text="legal team")).to_be_visible()
    look(page, "forums-answered")


def test_a_member_downloads_a_template_asks_the_forum_and_accepts_an_answer(new_page, live_server):
    world = library_community_world()
    maria = new_page()
    force_login(maria, live_server, world.asker)
    _search_and_download_the_template(maria)
    _ask_the_question(maria, CATEGORY)

    dev = new_page()
    force_login(dev, live_server, world.answerer)
    _answer_it(dev)

    # Maria reads the answer and accepts it.
    maria.reload()
    maria.get_by_role("button", name="Accept this answer (post #2)").click()
    expect(maria.get_by_text("Reply #2 is the accepted answer.")).to_be_visible()
    accepted = maria.locator(".forum-accepted")
    expect(accepted.get_by_role("heading")).to_contain_text("Accepted answer by Dev Patel")
    expect(accepted).to_contain_text("Our legal team signs off on any post that names a patient.")
    expect(maria.locator("#post-2 .badge")).to_have_text("Accepted answer")
    look(maria, "forums-accepted")
    thread = Thread.objects.get(title=QUESTION)
    assert thread.accepted_post.number == 2

    # Each hears of what the other did: in the site ...
    maria.goto("/community/notifications/")
    expect(maria.get_by_role("heading", level=1)).to_have_text("Forum notifications")
    expect(maria.locator(".panel-list li")).to_have_count(1)
    expect(maria.locator(".panel-list li").first).to_contain_text(
        f"Dev Patel replied in “{QUESTION}”"
    )
    look(maria, "notifications")
    dev.goto("/community/notifications/")
    expect(dev.locator(".panel-list li")).to_have_count(1)
    expect(dev.locator(".panel-list li").first).to_contain_text(
        f"Maria Lopez accepted your answer in “{QUESTION}”"
    )
    look(dev, "notifications-answerer")
    assert list(
        Notification.objects.order_by("user__full_name").values_list("user__full_name", "kind")
    ) == [
        ("Dev Patel", NotificationKind.ANSWER_ACCEPTED),
        ("Maria Lopez", NotificationKind.REPLY),
    ]
    dev.locator(".panel-list").get_by_role("link", name=re.compile("accepted your answer")).click()
    expect(dev.get_by_role("heading", level=1)).to_have_text(QUESTION)

    # ... and by email (tasks run inline in these tests).
    assert last_email_to(world.asker.email).subject == f"Dev Patel replied in “{QUESTION}”"
    assert (
        last_email_to(world.answerer.email).subject
        == f"Maria Lopez accepted your answer in “{QUESTION}”"
    )


def test_a_visitor_sees_the_member_only_template_but_not_its_file(page, live_server):
    world = library_community_world()
    page.goto("/library/")
    template = result(page, TEMPLATE)
    expect(template.locator(".badge")).to_have_text("Members")
    expect(template).to_contain_text("sign in to open")
    look(page, "library-visitor")

    template.get_by_role("link", name=TEMPLATE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TEMPLATE)
    locked = page.locator(".library-locked")
    expect(locked.get_by_role("heading", level=2)).to_have_text("Members only")
    expect(locked.get_by_role("link", name="Sign in")).to_have_attribute(
        "href", "/accounts/login/?next=/library/r/social-media-policy-template/"
    )
    expect(page.get_by_text("This policy applies to every account")).to_have_count(0)
    expect(page.get_by_role("link", name=TEMPLATE_FILE)).to_have_count(0)
    look(page, "library-teaser")

    response = page.request.get(world.template_file_url)
    assert response.status == 404
    assert not response.body().startswith(b"%PDF")

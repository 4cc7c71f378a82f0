"""@mentions: `@"Full Name"` and `@first.last` name people who may read the thread, found in
one query whatever the number of mentions; an unknown or ambiguous name, an email address
and anything in code stay as typed; a mention is drawn in bold, as a link to the person's
directory entry when they are listed. An edit tells only the people newly mentioned."""

from __future__ import annotations

import pytest

from socialrx.community.mentions import mentioned_names, with_mentions
from socialrx.community.models import DirectoryProfile, Mention
from socialrx.community.selectors.mentions import resolve_mentions
from socialrx.community.services.forums import edit_post, reply
from tests.community.factories import make_category, make_thread
from tests.community.forums_support import forum_people, listen
from tests.factories import UserFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


@pytest.fixture
def heard(monkeypatch):
    return listen(monkeypatch)


@pytest.fixture
def people(db):
    return forum_people()


@pytest.mark.unit
def test_both_forms_are_found_once_each_outside_code_and_addresses():
    source = (
        "@\"Dana  Whitfield\" and @dana.whitfield, @mary-kate.o'brien's idea; "
        'mail dana@example.org; `@"In Span"`\n\n```\n@in.fence\n```\n@solo'
    )

    assert mentioned_names(source) == ["dana whitfield", "mary-kate o'brien"]


@pytest.mark.unit
def test_known_names_are_drawn_in_bold_with_their_link_and_markup_escaped():
    people = {
        "dana whitfield": ("Dana Whitfield", "/community/directory/people/1/"),
        "jo smith": ("Jo *Star* Smith", None),
    }

    drawn = with_mentions('Hi @"Dana Whitfield", @jo.smith\'s and @"Nobody"', people)

    assert drawn == (
        "Hi [**@Dana Whitfield**](</community/directory/people/1/>), "
        '**@Jo \\*Star\\* Smith**\'s and @"Nobody"'
    )


def test_names_resolve_in_one_query_to_readers_only(people, django_assert_num_queries):
    category = make_category()
    UserFactory(full_name="Gail Guestly")  # a guest may not read a members' category
    body = '@"dana whitfield" @marcus.oyelaran @"Gail Guestly" @"Ghost Person" @x.y @a.b'

    with django_assert_num_queries(1):
        found = resolve_mentions(body, category)

    assert found == {"dana whitfield": people.member, "marcus oyelaran": people.other}


def test_in_a_category_open_to_guests_a_guest_is_mentioned(people):
    category = make_category(open_to_guests=True)

    assert resolve_mentions('@"Gail Guestly"', category) == {"gail guestly": people.guest}


def test_two_readers_sharing_a_name_are_not_mentioned(people):
    twin = UserFactory(full_name="Dana Whitfield")
    twin.is_staff = True
    twin.save(update_fields=["is_staff"])

    assert resolve_mentions("@dana.whitfield", make_category()) == {}


def test_a_listed_person_is_linked_to_their_directory_entry(people, heard):
    DirectoryProfile.objects.create(user=people.other, is_listed=True)
    thread = make_thread(author=people.member)

    post = reply(actor=people.member, thread=thread, body="Thanks @marcus.oyelaran!")

    assert post.body_html == (
        f'<p>Thanks <a href="/community/directory/people/{people.other.public_id}/" '
        'rel="noopener noreferrer nofollow"><strong>@Marcus Oyelaran</strong></a>!</p>\n'
    )


def test_mentioning_oneself_records_no_mention(people, heard):
    thread = make_thread(author=people.other)

    post = reply(actor=people.member, thread=thread, body="As I, @dana.whitfield, said.")

    assert Mention.objects.filter(post=post).count() == 0
    assert heard.of("on_mentions") == []


def test_an_edit_tells_only_the_people_newly_mentioned(people, heard):
    third = UserFactory(full_name="Priya Raman", is_staff=True)
    thread = make_thread(author=people.member)
    post = reply(actor=people.member, thread=thread, body="Asking @marcus.oyelaran.")
    heard.calls.clear()
    post.thread = thread

    edit_post(actor=people.member, post=post, body="Asking @priya.raman and @marcus.oyelaran.")

    assert heard.of("on_mentions") == [(post, [third])]
    assert set(Mention.objects.filter(post=post).values_list("user_id", flat=True)) == {
        people.other.pk,
        third.pk,
    }
    edit_post(actor=people.member, post=post, body="Asking @priya.raman only.")
    assert list(Mention.objects.filter(post=post).values_list("user_id", flat=True)) == [third.pk]
    assert len(heard.of("on_mentions")) == 1

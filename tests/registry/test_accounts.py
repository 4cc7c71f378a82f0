"""An entity's accounts: listed, updated with dated follower counts, removed (keeping their
history), by its verified representatives and center staff; the pages that do it refuse bad
input beside the field and write nothing half-way."""

from datetime import date, timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from socialrx.core.errors import DomainError
from socialrx.core.models import AuditEvent
from socialrx.registry.models import Account, ClaimStatus, Snapshot
from socialrx.registry.selectors import statistics
from socialrx.registry.services.accounts import add_account, remove_account, update_account
from tests.factories import UserFactory
from tests.registry.factories import AccountFactory, ClaimFactory, EntityFactory, SnapshotFactory

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]


# The accounts page, whatever the number of accounts: the session, the person, the entity,
# the person's verified claims, the accounts, their snapshots, the person's organizations.
QUERIES_OF_THE_ACCOUNTS_PAGE = 7


@pytest.fixture
def hospital():
    return EntityFactory(name="MAYO CLINIC HOSPITAL ROCHESTER")


@pytest.fixture
def manager(hospital):
    """A verified claimant of `hospital`."""
    person = UserFactory()
    ClaimFactory(entity=hospital, claimant=person, status=ClaimStatus.VERIFIED)
    return person


def today() -> date:
    return timezone.localdate()


def refusal(call, **kwargs) -> DomainError:
    with pytest.raises(DomainError) as refused:
        call(**kwargs)
    return refused.value


def add(actor, entity, address="twitter.com/MayoClinic", **kwargs) -> Account:
    return add_account(actor=actor, entity=entity, address=address, **kwargs)


def history(entity) -> list[tuple[str, dict, dict]]:
    events = AuditEvent.objects.filter(target_type="registry.entity", target_id=str(entity.pk))
    return [(e.action, e.before, e.after) for e in events.order_by("id")]


def written() -> tuple[int, int, int]:
    return Account.objects.count(), Snapshot.objects.count(), AuditEvent.objects.count()


def accounts_url(entity) -> str:
    return reverse("registry:accounts", args=[entity.kind_slug, entity.key])


def edit_url(account) -> str:
    entity = account.entity
    return reverse("registry:account_edit", args=[entity.kind_slug, entity.key, account.public_id])


def remove_url(account) -> str:
    entity = account.entity
    return reverse(
        "registry:account_remove", args=[entity.kind_slug, entity.key, account.public_id]
    )


def messages_of(response) -> list[str]:
    return [message.message for message in get_messages(response.wsgi_request)]


# --- adding ---------------------------------------------------------------------------------


def test_an_account_is_stored_in_its_one_normal_form(hospital, manager):
    account = add(manager, hospital, "twitter.com/MayoClinic", platform="x")

    assert (account.platform, account.key, account.handle, account.url) == (
        "x",
        "mayoclinic",
        "@MayoClinic",
        "https://x.com/MayoClinic",
    )
    assert (account.entity, account.first_listed, account.removed_on) == (hospital, today(), None)
    assert (account.followers, account.last_checked, account.is_generated) == (None, None, False)


def test_the_platform_is_told_from_the_address_when_not_given(hospital, manager):
    assert add(manager, hospital, "https://www.facebook.com/MayoClinic/").platform == "facebook"


def test_a_follower_count_is_recorded_as_a_snapshot_of_its_day(hospital, manager):
    counted = today() - timedelta(days=3)

    account = add(manager, hospital, followers=2_500_000, verified=True, checked_on=counted)

    assert (account.followers, account.last_checked, account.verified) == (
        2_500_000,
        counted,
        True,
    )
    assert list(account.snapshots.values_list("taken_on", "followers")) == [(counted, 2_500_000)]


def test_a_count_without_a_date_is_of_today(hospital, manager):
    account = add(manager, hospital, followers=10)

    assert list(account.snapshots.values_list("taken_on", "followers")) == [(today(), 10)]


def test_adding_is_recorded_in_the_entitys_history(hospital, manager):
    add(manager, hospital, followers=12)

    event = AuditEvent.objects.get()
    assert (event.action, event.actor, event.target_type, event.target_id) == (
        "registry.account.added",
        manager,
        "registry.entity",
        str(hospital.pk),
    )
    assert (event.before, event.after) == (
        {},
        {
            "account": "X (Twitter) @MayoClinic",
            "url": "https://x.com/MayoClinic",
            "followers": 12,
            "via": "manual",
        },
    )


@pytest.mark.parametrize(
    "again", ["@mayoclinic", "https://mobile.twitter.com/#!/MayoClinic", "x.com/MAYOCLINIC/"]
)
def test_an_account_listed_for_the_same_entity_is_refused_however_written(hospital, manager, again):
    add(manager, hospital, "twitter.com/MayoClinic", platform="x")
    before = written()

    error = refusal(add, actor=manager, entity=hospital, address=again, platform="x")

    assert (error.field, error.message) == (
        "address",
        "X (Twitter) @MayoClinic is already listed for this listing.",
    )
    assert written() == before


def test_an_account_listed_for_another_entity_is_refused_naming_it(hospital, staff):
    AccountFactory(
        entity=EntityFactory(name="SAINT MARYS HOSPITAL"), platform="x", address="@MayoClinic"
    )

    error = refusal(add, actor=staff, entity=hospital, address="twitter.com/mayoclinic")

    assert (error.field, error.message) == (
        "address",
        "X (Twitter) @MayoClinic is already listed for Saint Marys Hospital.",
    )
    assert Account.objects.filter(entity=hospital).count() == 0


@pytest.mark.parametrize(
    ("address", "platform", "message"),
    [
        ("twitter.com/MayoClinic", "myspace", "“myspace” is not a platform we know."),
        (
            "@MayoClinic",
            "",
            "Say which platform this account is on: “@MayoClinic” is a handle, and handles "
            "are written the same way on many platforms.",
        ),
        (
            "twitter.com/MayoClinic",
            "facebook",
            "“twitter.com/MayoClinic” is an X address, not a Facebook address.",
        ),
    ],
)
def test_an_address_that_is_not_an_account_is_refused_beside_the_address(
    hospital, manager, address, platform, message
):
    error = refusal(add, actor=manager, entity=hospital, address=address, platform=platform)

    assert (error.field, error.message) == ("address", message)
    assert written() == (0, 0, 0)


@pytest.mark.parametrize("address", ["", "   ", "https://x.com/search", "https://x.com/"])
def test_a_malformed_address_is_refused_beside_the_address(hospital, manager, address):
    error = refusal(add, actor=manager, entity=hospital, address=address, platform="x")

    assert error.field == "address"
    assert error.message != ""
    assert written() == (0, 0, 0)


def test_an_address_too_long_to_store_is_refused_not_truncated(hospital, manager):
    address = "example.org/" + "a" * 486

    error = refusal(add, actor=manager, entity=hospital, address=address, platform="blog")

    assert (error.field, error.message) == (
        "address",
        "This address is too long to be an account's address.",
    )
    assert written() == (0, 0, 0)


def test_the_longest_blog_address_that_fits_is_stored(hospital, manager):
    account = add(manager, hospital, "https://example.org/" + "a" * 280, platform="blog")

    assert len(Account.objects.get(pk=account.pk).url) == 300


@pytest.mark.parametrize("followers", [-1, 10_000_000_001, 10**30])
def test_an_impossible_follower_count_is_refused(hospital, manager, followers):
    error = refusal(add, actor=manager, entity=hospital, followers=followers)

    assert (error.field, error.message) == (
        "followers",
        "Enter a follower count between 0 and 10 billion.",
    )
    assert written() == (0, 0, 0)


def test_a_count_dated_in_the_future_is_refused(hospital, manager):
    error = refusal(
        add,
        actor=manager,
        entity=hospital,
        followers=5,
        checked_on=today() + timedelta(days=1),
    )

    assert (error.field, error.message) == (
        "checked_on",
        "The date counted cannot be in the future.",
    )
    assert written() == (0, 0, 0)


def test_zero_and_ten_billion_followers_are_possible(hospital, manager):
    assert add(manager, hospital, "@a_hospital", platform="x", followers=0).followers == 0
    big = add(manager, hospital, "@b_hospital", platform="x", followers=10_000_000_000)

    assert Account.objects.get(pk=big.pk).followers == 10_000_000_000


def test_an_account_listed_again_after_removal_is_a_new_listing_and_history_stays(
    hospital, manager
):
    first = add(manager, hospital, followers=100, checked_on=date(2020, 1, 1))
    remove_account(actor=manager, account=first)

    again = add(manager, hospital, "@MayoClinic", platform="x", followers=150)

    assert again.pk != first.pk
    first.refresh_from_db()
    assert (first.removed_on, first.first_listed) == (today(), today())
    assert list(first.snapshots.values_list("taken_on", "followers")) == [(date(2020, 1, 1), 100)]
    assert (again.removed_on, again.first_listed, again.followers) == (None, today(), 150)
    assert list(again.snapshots.values_list("taken_on", "followers")) == [(today(), 150)]
    assert [action for action, _, _ in history(hospital)] == [
        "registry.account.added",
        "registry.account.removed",
        "registry.account.added",
    ]


def test_adoption_before_a_removal_still_counts_the_removed_listing(hospital, staff):
    old = AccountFactory(
        entity=EntityFactory(),
        platform="x",
        address="@MayoClinic",
        first_listed=date(2015, 1, 1),
        removed_on=date(2020, 1, 1),
    )

    moved = add(staff, hospital, "@MayoClinic", platform="x")

    assert (moved.pk != old.pk, moved.entity, moved.is_listed) == (True, hospital, True)
    as_of_2018 = statistics.adoption(kind="hospital", as_of=date(2018, 6, 30))
    assert (as_of_2018.present, as_of_2018.by_platform) == (1, {"x": 1})
    old.refresh_from_db()
    assert (old.entity_id, old.removed_on) == (old.entity_id, date(2020, 1, 1))


def test_only_a_representative_or_staff_may_add_an_account(hospital, user):
    with pytest.raises(PermissionDenied):
        add(user, hospital)
    assert written() == (0, 0, 0)


# --- updating -------------------------------------------------------------------------------


@pytest.fixture
def listed(hospital):
    """@MayoClinic on X with 1,000 followers counted on 2024-12-31."""
    account = AccountFactory(entity=hospital, platform="x", address="@MayoClinic")
    SnapshotFactory(account=account, taken_on=date(2024, 12, 31), followers=1000)
    return account


def update(actor, account, **kwargs) -> Account:
    values = {"followers": None, "verified": False, "status": "active", "checked_on": None}
    return update_account(actor=actor, account=account, **{**values, **kwargs})


def test_a_newer_count_replaces_the_latest_and_adds_a_snapshot(listed, manager):
    account = update(manager, listed, followers=1200, checked_on=date(2025, 1, 31))

    assert (account.followers, account.last_checked) == (1200, date(2025, 1, 31))
    assert list(account.snapshots.values_list("taken_on", "followers")) == [
        (date(2024, 12, 31), 1000),
        (date(2025, 1, 31), 1200),
    ]


def test_an_older_count_fills_history_without_replacing_the_latest(listed, manager):
    account = update(manager, listed, followers=800, checked_on=date(2024, 6, 30))

    account.refresh_from_db()
    assert (account.followers, account.last_checked) == (1000, date(2024, 12, 31))
    assert list(account.snapshots.values_list("taken_on", "followers")) == [
        (date(2024, 6, 30), 800),
        (date(2024, 12, 31), 1000),
    ]


def test_a_second_count_on_the_same_day_corrects_that_days_snapshot(listed, manager):
    update(manager, listed, followers=1001, checked_on=date(2024, 12, 31))

    assert list(listed.snapshots.values_list("taken_on", "followers")) == [
        (date(2024, 12, 31), 1001)
    ]


def test_flags_change_without_a_count_and_no_snapshot_is_added(listed, manager):
    account = update(manager, listed, verified=True, status="dormant")

    account.refresh_from_db()
    assert (account.verified, account.status, account.followers) == (True, "dormant", 1000)
    assert listed.snapshots.count() == 1


def test_an_update_is_recorded_with_what_changed(listed, manager, hospital):
    update(manager, listed, followers=1200, checked_on=date(2025, 1, 31), verified=True)

    [(action, before, after)] = history(hospital)
    assert (action, before, after) == (
        "registry.account.updated",
        {"account": "X (Twitter) @MayoClinic", "followers": 1000, "verified": False},
        {
            "account": "X (Twitter) @MayoClinic",
            "followers": 1200,
            "verified": True,
            "counted": "2025-01-31",
            "via": "manual",
        },
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"followers": -5}, "followers"),
        ({"followers": 10_000_000_001}, "followers"),
        ({"followers": 5, "checked_on": date.today() + timedelta(days=2)}, "checked_on"),
        ({"status": "deleted"}, "status"),
    ],
)
def test_a_bad_update_is_refused_and_changes_nothing(listed, manager, change, field):
    before = written()

    error = refusal(update, actor=manager, account=listed, **change)

    assert error.field == field
    assert written() == before
    listed.refresh_from_db()
    assert (listed.followers, listed.status) == (1000, "active")


def test_only_a_representative_or_staff_may_update_an_account(listed, user):
    with pytest.raises(PermissionDenied):
        update(user, listed, followers=1)


# --- removing -------------------------------------------------------------------------------


def test_a_removed_account_keeps_its_row_and_history(listed, manager, hospital):
    account = remove_account(actor=manager, account=listed, reason="  Closed in 2025. ")

    account.refresh_from_db()
    assert (account.removed_on, account.is_listed) == (today(), False)
    assert listed.snapshots.count() == 1
    [(action, before, after)] = history(hospital)
    assert (action, before, after) == (
        "registry.account.removed",
        {"account": "X (Twitter) @MayoClinic"},
        {
            "account": "X (Twitter) @MayoClinic",
            "removed_on": today().isoformat(),
            "reason": "Closed in 2025.",
            "via": "manual",
        },
    )


def test_an_account_listed_today_is_removed_today(hospital, manager):
    account = add(manager, hospital)

    assert remove_account(actor=manager, account=account).removed_on == today()


def test_removing_twice_is_refused(listed, manager):
    remove_account(actor=manager, account=listed)
    before = written()

    error = refusal(remove_account, actor=manager, account=listed)

    assert error.message == "X (Twitter) @MayoClinic was already removed."
    assert written() == before


def test_only_a_representative_or_staff_may_remove_an_account(listed, user):
    with pytest.raises(PermissionDenied):
        remove_account(actor=user, account=listed)
    listed.refresh_from_db()
    assert listed.is_listed is True


def test_an_admin_of_the_linked_organization_manages_the_accounts(org_a):
    organization, admin, member = org_a
    entity = EntityFactory(organization=organization)

    account = add(admin, entity)

    assert account.entity == entity
    with pytest.raises(PermissionDenied):
        remove_account(actor=member, account=account)


# --- the pages ------------------------------------------------------------------------------


@pytest.fixture
def signed_in(client, manager):
    client.force_login(manager)
    return client


def test_a_person_who_does_not_represent_the_entity_finds_no_account_pages(client, user, listed):
    client.force_login(user)

    statuses = [
        client.get(accounts_url(listed.entity)).status_code,
        client.post(accounts_url(listed.entity), {"platform": "x", "address": "@a"}).status_code,
        client.get(edit_url(listed)).status_code,
        client.post(edit_url(listed), {"status": "dormant"}).status_code,
        client.post(remove_url(listed)).status_code,
    ]

    assert statuses == [404, 404, 404, 404, 404]
    listed.refresh_from_db()
    assert (listed.status, listed.is_listed, Account.objects.count()) == ("active", True, 1)


def test_a_pending_claimant_finds_no_account_pages(client, hospital):
    person = UserFactory()
    ClaimFactory(entity=hospital, claimant=person, status=ClaimStatus.PENDING)
    client.force_login(person)

    assert client.get(accounts_url(hospital)).status_code == 404


def test_a_visitor_is_sent_to_sign_in_for_the_account_pages(client, listed):
    for response in (
        client.get(accounts_url(listed.entity)),
        client.get(edit_url(listed)),
        client.post(remove_url(listed)),
    ):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/?next=")
    listed.refresh_from_db()
    assert listed.is_listed is True


def test_the_accounts_page_lists_listed_and_removed_accounts_with_the_add_form(
    signed_in, hospital, listed
):
    removed = AccountFactory(
        entity=hospital,
        platform="facebook",
        address="facebook.com/mayoclinicfb",
        removed_on=today(),
    )

    response = signed_in.get(accounts_url(hospital))

    assert response.status_code == 200
    assert set(response.context["accounts"]) == {listed, removed}
    assert list(response.context["form"].fields) == [
        "platform",
        "address",
        "followers",
        "checked_on",
        "verified",
    ]
    assert edit_url(listed).encode() in response.content
    assert edit_url(removed).encode() not in response.content


def test_the_accounts_page_lists_the_listed_accounts_before_the_removed_ones(
    signed_in, hospital, listed
):
    removed = AccountFactory(
        entity=hospital,
        platform="facebook",
        address="facebook.com/mayoclinicfb",
        removed_on=today(),
    )

    response = signed_in.get(accounts_url(hospital))

    assert response.context["accounts"] == [listed, removed]


def test_staff_manage_any_entitys_accounts_from_the_page(client, staff, hospital):
    client.force_login(staff)

    assert client.get(accounts_url(hospital)).status_code == 200


def test_adding_from_the_page_lists_the_account_and_says_so(signed_in, hospital):
    response = signed_in.post(
        accounts_url(hospital),
        {
            "platform": "x",
            "address": "twitter.com/MayoClinic",
            "followers": "2500",
            "checked_on": "2025-01-15",
            "verified": "on",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == accounts_url(hospital)
    assert messages_of(response) == [
        "X (Twitter) @MayoClinic is now listed for Mayo Clinic Hospital Rochester."
    ]
    account = Account.objects.get()
    assert (account.key, account.followers, account.last_checked, account.verified) == (
        "mayoclinic",
        2500,
        date(2025, 1, 15),
        True,
    )


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "platform"),
        ({"platform": "x", "address": ""}, "address"),
        ({"platform": "", "address": "@MayoClinic"}, "platform"),
        ({"platform": "myspace", "address": "@MayoClinic"}, "platform"),
        ({"platform": "x", "address": "https://x.com/search"}, "address"),
        ({"platform": "facebook", "address": "twitter.com/MayoClinic"}, "address"),
        ({"platform": "blog", "address": "example.org/" + "a" * 486}, "address"),
        ({"platform": "x", "address": "a" * 501}, "address"),
        ({"platform": "x", "address": "@MayoClinic", "followers": "-1"}, "followers"),
        ({"platform": "x", "address": "@MayoClinic", "followers": "10000000001"}, "followers"),
        ({"platform": "x", "address": "@MayoClinic", "followers": "9" * 40}, "followers"),
        ({"platform": "x", "address": "@MayoClinic", "followers": "many"}, "followers"),
        ({"platform": "x", "address": "@MayoClinic", "followers": "1e5"}, "followers"),
        ({"platform": "x", "address": "@MayoClinic", "checked_on": "2999-01-01"}, "checked_on"),
        ({"platform": "x", "address": "@MayoClinic", "checked_on": "yesterday"}, "checked_on"),
        ({"platform": "x", "address": "@MayoClinic", "checked_on": "2025-02-30"}, "checked_on"),
        ({"platform": "x", "address": "@MayoClinic\x00"}, "address"),
    ],
)
def test_bad_input_on_the_add_form_is_shown_beside_its_field_and_nothing_is_written(
    signed_in, hospital, data, field
):
    response = signed_in.post(accounts_url(hospital), data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ([field] if data else ["platform", "address"])
    assert f'id="id_{field}_error"'.encode() in response.content
    assert written() == (0, 0, 0)


def test_adding_an_account_already_listed_is_shown_beside_the_address(signed_in, hospital):
    AccountFactory(entity=EntityFactory(name="SAINT MARYS HOSPITAL"), address="@MayoClinic")

    response = signed_in.post(
        accounts_url(hospital), {"platform": "x", "address": "https://x.com/mayoclinic"}
    )

    assert response.context["form"].errors == {
        "address": ["X (Twitter) @MayoClinic is already listed for Saint Marys Hospital."]
    }
    assert Account.objects.count() == 1


def test_the_edit_page_shows_the_account_and_its_forms(signed_in, listed):
    response = signed_in.get(edit_url(listed))

    assert response.status_code == 200
    assert response.context["account"] == listed
    assert response.context["form"].initial == {"status": "active", "verified": False}
    assert remove_url(listed).encode() in response.content


def test_updating_from_the_page_records_the_count(signed_in, listed):
    response = signed_in.post(
        edit_url(listed),
        {"followers": "1300", "checked_on": "2025-03-01", "status": "dormant", "verified": "on"},
    )

    assert response.status_code == 302
    assert response["Location"] == accounts_url(listed.entity)
    assert messages_of(response) == ["X (Twitter) @MayoClinic was updated."]
    listed.refresh_from_db()
    assert (listed.followers, listed.status, listed.verified) == (1300, "dormant", True)
    assert listed.snapshots.count() == 2


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({}, "status"),
        ({"status": "deleted"}, "status"),
        ({"status": ""}, "status"),
        ({"status": "active", "followers": "-3"}, "followers"),
        ({"status": "active", "followers": "lots"}, "followers"),
        ({"status": "active", "followers": "10000000001"}, "followers"),
        ({"status": "active", "followers": "5", "checked_on": "3000-01-01"}, "checked_on"),
        ({"status": "active", "checked_on": "31/12/2024"}, "checked_on"),
    ],
)
def test_bad_input_on_the_edit_form_is_shown_beside_its_field_and_nothing_changes(
    signed_in, listed, data, field
):
    before = written()

    response = signed_in.post(edit_url(listed), data)

    assert response.status_code == 200
    assert list(response.context["form"].errors) == [field]
    assert f'id="id_{field}_error"'.encode() in response.content
    assert written() == before
    listed.refresh_from_db()
    assert (listed.followers, listed.status) == (1000, "active")


def test_removing_from_the_page_says_so_and_a_second_time_says_it_was_removed(signed_in, listed):
    removed = signed_in.post(remove_url(listed), {"reason": "Closed."}, follow=True)
    again = signed_in.post(remove_url(listed), {"reason": ""}, follow=True)

    assert [str(m) for m in removed.context["messages"]] == [
        "X (Twitter) @MayoClinic is no longer listed. Its history is kept."
    ]
    assert [str(m) for m in again.context["messages"]] == [
        "X (Twitter) @MayoClinic was already removed."
    ]
    listed.refresh_from_db()
    assert listed.removed_on == today()
    assert AuditEvent.objects.filter(action="registry.account.removed").count() == 1


def test_removing_with_an_overlong_reason_still_removes_without_it(signed_in, listed):
    response = signed_in.post(remove_url(listed), {"reason": "x" * 301})

    assert response.status_code == 302
    event = AuditEvent.objects.get(action="registry.account.removed")
    assert event.after["reason"] == ""


def test_removing_needs_a_post(signed_in, listed):
    assert signed_in.get(remove_url(listed)).status_code == 405
    listed.refresh_from_db()
    assert listed.is_listed is True


def test_the_account_pages_of_another_entitys_account_are_not_found(signed_in, hospital):
    elsewhere = AccountFactory(entity=EntityFactory())
    url = reverse(
        "registry:account_edit", args=[hospital.kind_slug, hospital.key, elsewhere.public_id]
    )

    assert signed_in.get(url).status_code == 404
    assert signed_in.post(url + "remove/").status_code == 404
    elsewhere.refresh_from_db()
    assert elsewhere.is_listed is True


@pytest.mark.parametrize("count", [1, 3])
def test_the_accounts_page_makes_the_same_queries_for_one_or_three_accounts(
    signed_in, hospital, count
):
    for number in range(count):
        account = AccountFactory(entity=hospital, address=f"@hospital_{number}")
        SnapshotFactory(account=account)
    signed_in.get(accounts_url(hospital))  # warm the per-process caches

    with CaptureQueriesContext(connection) as queries:
        response = signed_in.get(accounts_url(hospital))

    assert len(response.context["accounts"]) == count
    assert len(queries) == QUERIES_OF_THE_ACCOUNTS_PAGE

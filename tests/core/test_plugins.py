"""The shared pages the apps plug into (socialrx.core.plugins): what they declare is collected
in order, menus are grouped and filtered by permission, the header draws them without extra
queries, and a declaration naming something that does not exist fails the system check."""

from types import SimpleNamespace

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import RequestFactory
from django.urls import reverse
from django.utils.html import escape

from socialrx.api.api import api
from socialrx.core import plugins
from socialrx.core.plugins import (
    ApiRouter,
    DashboardPanel,
    EmailStream,
    Link,
    MenuEntry,
    MenuItem,
    OrgTab,
    Plugins,
    Registry,
)
from tests.factories import SeatFactory, UserFactory, org_with_admin

pytestmark = [pytest.mark.filterwarnings("ignore:No directory at:UserWarning")]

STAFF = SimpleNamespace(is_authenticated=True, is_staff=True, is_active=True)
PERSON = SimpleNamespace(is_authenticated=True, is_staff=False, is_active=True)


# --- collecting -------------------------------------------------------------------------------


@pytest.mark.unit
def test_items_are_ordered_across_apps_and_equal_orders_keep_the_apps_order():
    first = Plugins(menu=[MenuItem("B", "b", order=20), MenuItem("A2", "a2", order=10)])
    second = Plugins(menu=[MenuItem("A1", "a1", order=10), MenuItem("C", "c", order=30)])

    registry = Registry.collect([("first", first), ("second", second)])

    assert [item.label for item in registry.menu] == ["A2", "A1", "B", "C"]


@pytest.mark.unit
def test_api_routers_keep_the_order_of_the_apps_and_of_their_declaration():
    accounts = Plugins(api_routers=[ApiRouter("/", "a.router")])
    membership = Plugins(api_routers=[ApiRouter("/m", "m.public"), ApiRouter("/m", "m.router")])

    registry = Registry.collect([("accounts", accounts), ("membership", membership)])

    assert [router.router for router in registry.api_routers] == [
        "a.router",
        "m.public",
        "m.router",
    ]


@pytest.mark.unit
def test_the_installed_apps_declare_the_api_in_its_published_order():
    assert [(r.prefix, r.router) for r in plugins.registry().api_routers] == [
        ("/", "socialrx.accounts.api.router"),
        ("/organizations", "socialrx.organizations.api.router"),
        ("/billing", "socialrx.billing.api.router"),
        ("/membership", "socialrx.membership.api.public_router"),
        ("/membership", "socialrx.membership.api.router"),
        ("/registry", "socialrx.registry.api.router"),
        ("/training", "socialrx.training.api.public_router"),
        ("/training", "socialrx.training.api.router"),
        ("/events", "socialrx.events.api.public_router"),
        ("/events", "socialrx.events.api.router"),
        ("/coaching", "socialrx.coaching.api.router"),
        ("/library", "socialrx.library.api.router"),
        ("/community", "socialrx.community.api.router"),
        ("/toolkit/checks", "socialrx.toolkit.api_checks.router"),
        ("/toolkit/assessments", "socialrx.toolkit.api_assessments.router"),
        ("/toolkit/policies", "socialrx.toolkit.api_policies.router"),
    ]


@pytest.mark.unit
def test_the_api_mounts_every_declared_router():
    mounted = [
        (prefix, router) for prefix, router in api._routers if router is not api.default_router
    ]

    assert [(prefix, router) for prefix, router in mounted] == [
        (r.prefix, r.load()) for r in plugins.registry().api_routers
    ]


# --- menus ------------------------------------------------------------------------------------

MENU = [
    MenuItem("The center", "home", order=0),
    MenuItem("Plans and pricing", "membership:pricing", order=20, group="Membership"),
    MenuItem(
        "Member benefits",
        "membership:member_benefits",
        "core.view_audit_log",  # a staff-only permission stands in for "is a member" here
        order=21,
        group="Membership",
    ),
    MenuItem("Search the registry", "registry:search", order=30, group="Registry"),
    MenuItem("Adoption statistics", "registry:adoption", order=31, group="Registry"),
    MenuItem("Dashboard", "dashboard", order=900, signed_in=True),
]


@pytest.mark.unit
def test_a_visitor_sees_public_items_and_a_group_of_one_as_a_link_named_for_the_group():
    menu = plugins.menu_for(MENU, AnonymousUser(), "/pricing/")

    assert menu == [
        MenuEntry("The center", url="/"),
        MenuEntry("Membership", url="/pricing/", current=True),
        MenuEntry(
            "Registry",
            links=(
                Link("Search the registry", "/registry/"),
                Link("Adoption statistics", "/registry/adoption/"),
            ),
        ),
    ]


@pytest.mark.unit
def test_a_permitted_person_sees_the_whole_group_as_a_drop_down():
    menu = plugins.menu_for(MENU, STAFF, "/members/benefits/")

    assert [entry.label for entry in menu] == ["The center", "Membership", "Registry", "Dashboard"]
    assert menu[1] == MenuEntry(
        "Membership",
        current=True,
        links=(
            Link("Plans and pricing", "/pricing/"),
            Link("Member benefits", "/members/benefits/", current=True),
        ),
    )


@pytest.mark.unit
def test_the_current_item_is_the_longest_section_of_the_path_and_home_only_for_itself():
    menu = plugins.menu_for(MENU, PERSON, "/registry/adoption/")
    registry = menu[2]

    assert (menu[0].current, registry.current) == (False, True)
    assert [link.current for link in registry.links] == [False, True]
    entity_page = plugins.menu_for(MENU, PERSON, "/registry/hospitals/240010/")[2]
    assert [link.current for link in entity_page.links] == [True, False]


@pytest.mark.unit
def test_an_item_with_a_section_is_current_anywhere_under_it():
    items = [
        MenuItem("Registry back office", "registry:staff_imports", section="/staff/registry/"),
        MenuItem("Audit log", "audit_log"),
    ]

    menu = plugins.menu_for(items, STAFF, "/staff/registry/claims/")

    assert [(entry.label, entry.current) for entry in menu] == [
        ("Registry back office", True),
        ("Audit log", False),
    ]


@pytest.mark.unit
def test_sections_keep_a_group_of_one_as_a_group():
    items = [MenuItem("Audit log", "audit_log", "core.view_audit_log", group="Center")]

    assert plugins.menu_for(items, STAFF, "/", drop_downs=False) == [
        MenuEntry("Center", links=(Link("Audit log", "/staff/audit/"),))
    ]
    assert plugins.menu_for(items, PERSON, "/", drop_downs=False) == []


@pytest.mark.django_db
def test_organization_tabs_are_asked_about_the_organization(org_a):
    organization, admin, member = org_a
    tabs = [
        OrgTab("Profile", "organizations:detail", "organizations.view_profile", order=10),
        OrgTab("Billing", "membership:overview", "membership.view_billing", order=40),
    ]
    billing = reverse("membership:overview", args=[organization.public_id])

    assert [t.label for t in plugins.org_tabs_for(tabs, member, organization, billing)] == [
        "Profile"
    ]
    assert plugins.org_tabs_for(tabs, admin, organization, billing)[1] == Link(
        "Billing", billing, current=True
    )


# --- panels -----------------------------------------------------------------------------------


@pytest.mark.unit
def test_panels_are_left_out_without_the_permission_or_when_they_have_nothing_to_say():
    request = RequestFactory().get("/dashboard/")
    request.user = PERSON
    panels = [
        DashboardPanel("a.html", lambda request: {"shown": True}, order=1),
        DashboardPanel("b.html", lambda request: None, order=2),
        DashboardPanel("c.html", lambda request: {}, permission="core.view_audit_log", order=3),
    ]

    shown = plugins.panels_for(panels, request)

    assert [(s.panel.template, s.context) for s in shown] == [("a.html", {"shown": True})]


@pytest.mark.unit
def test_a_panel_context_may_be_a_dotted_path():
    panel = DashboardPanel("x.html", "socialrx.accounts.panels.account")

    from socialrx.accounts.panels import account

    assert panel.context_function() is account


# --- the system check -------------------------------------------------------------------------


@pytest.mark.unit
def test_the_installed_apps_declarations_pass_the_check():
    assert plugins.check_plugins() == []


@pytest.mark.unit
def test_a_declaration_naming_what_does_not_exist_fails_the_check(monkeypatch):
    broken = Plugins(
        menu=[MenuItem("Gone", "no-such-page"), MenuItem("Typo", "home", "core.view_audit_lgo")],
        org_tabs=[OrgTab("Tab", "home", "organizations.view_profile")],
        panels=[DashboardPanel("no/such.html", "socialrx.nowhere.panel")],
        api_routers=[ApiRouter("/x", "socialrx.nowhere.router")],
    )
    monkeypatch.setattr(plugins, "declared_by_apps", lambda: [("broken", broken)])

    messages = [error.msg for error in plugins.check_plugins()]

    assert len(messages) == 6
    assert all(message.startswith("broken: ") for message in messages)
    assert "unknown permission 'core.view_audit_lgo'" in " ".join(messages)


@pytest.mark.unit
def test_email_streams_keep_the_order_of_the_apps_and_of_their_declaration():
    library = Plugins(email_streams=[EmailStream("library.digest", "Monthly digest")])
    community = Plugins(
        email_streams=[
            EmailStream("community.notifications", "Forum notifications"),
            EmailStream("community.daily", "Daily digest of the forums"),
        ]
    )

    registry = Registry.collect([("library", library), ("community", community)])

    assert [stream.key for stream in registry.email_streams] == [
        "library.digest",
        "community.notifications",
        "community.daily",
    ]


@pytest.mark.unit
def test_email_stream_keys_taken_twice_or_not_the_apps_own_fail_the_check(monkeypatch):
    library = Plugins(
        email_streams=[
            EmailStream("library.digest", "Monthly digest"),
            EmailStream("community.notifications", "Not the library's"),
            EmailStream("library.Digest news", "Not a key"),
            EmailStream("library." + "x" * 80, "Too long"),
        ]
    )
    again = Plugins(email_streams=[EmailStream("library.digest", "Taken")])
    monkeypatch.setattr(
        plugins, "declared_by_apps", lambda: [("library", library), ("library", again)]
    )

    errors = plugins.check_plugins()

    assert {error.id for error in errors} == {"core.E103"}
    long_key = "library." + "x" * 80
    assert [error.msg for error in errors] == [
        "library: email stream key 'community.notifications' does not start with the app's "
        "label (library.).",
        "library: email stream key 'library.Digest news' is not \"<app label>.<name>\" in lower "
        "case, at most 80 characters.",
        f"library: email stream key '{long_key}' is not \"<app label>.<name>\" in lower case, "
        "at most 80 characters.",
        "library: email stream key 'library.digest' is declared by library too.",
    ]


# --- the header -------------------------------------------------------------------------------


@pytest.mark.integration
@pytest.mark.django_db
def test_the_header_shows_each_person_the_menus_they_may_use(client, staff):
    visitor_page = client.get("/").content.decode()
    assert 'href="/pricing/"' in visitor_page
    assert "Member benefits" not in visitor_page
    assert "Center staff" not in visitor_page
    assert reverse("dashboard") not in visitor_page.split("<main")[0]

    client.force_login(staff)
    staff_page = client.get("/").content.decode().split("<main")[0]
    for url_name in (
        "membership:staff_applications",
        "registry:staff_imports",
        "people_directory",
        "audit_log",
        "admin:index",
        "membership:member_benefits",
        "dashboard",
    ):
        assert f'href="{reverse(url_name)}"' in staff_page, url_name


@pytest.mark.integration
@pytest.mark.django_db
def test_a_member_of_a_member_organization_sees_member_benefits_and_no_staff_menu(client):
    from tests.membership.factories import MembershipFactory

    organization, admin = org_with_admin()
    MembershipFactory(
        organization=organization,
        status="active",
        covered_from="2020-01-01",
        covered_until="2999-12-31",
    )
    client.force_login(SeatFactory(organization=organization).user)

    header = client.get("/").content.decode().split("<main")[0]

    assert 'href="/members/benefits/"' in header
    assert "Center staff" not in header


@pytest.mark.integration
@pytest.mark.django_db
@pytest.mark.parametrize("who", ["visitor", "person", "staff"])
def test_the_header_adds_no_query_to_a_page(client, django_assert_num_queries, staff, who):
    """The home page asks nothing of its own: what it costs is the session, the person, and
    the checks the menus make (org roles and member content, once each per request)."""
    if who == "person":
        client.force_login(UserFactory())
    elif who == "staff":
        client.force_login(staff)
    expected = {"visitor": 0, "person": 3, "staff": 3}[who]

    with django_assert_num_queries(expected):
        assert client.get("/").status_code == 200


@pytest.mark.integration
@pytest.mark.django_db
def test_the_favicon_is_served_at_the_root(client):
    response = client.get("/favicon.ico")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # an ICO file's header
    assert "max-age=604800" in response["Cache-Control"]


# --- the home page's tools --------------------------------------------------------------------


@pytest.mark.unit
def test_home_tools_are_collected_in_order_across_apps():
    first = Plugins(home_tools=[MenuItem("Policy builder", "home", order=20, description="b")])
    second = Plugins(home_tools=[MenuItem("Assessment", "home", order=10, description="a")])

    registry = Registry.collect([("toolkit", first), ("other", second)])

    assert [tool.label for tool in registry.home_tools] == ["Assessment", "Policy builder"]


@pytest.mark.unit
def test_a_home_tool_naming_a_missing_page_fails_the_check(monkeypatch):
    broken = Plugins(home_tools=[MenuItem("Gone", "no-such-page", description="nowhere")])
    monkeypatch.setattr(plugins, "declared_by_apps", lambda: [("broken", broken)])

    messages = [error.msg for error in plugins.check_plugins()]

    assert len(messages) == 1
    assert "no URL named 'no-such-page'" in messages[0]


@pytest.mark.integration
@pytest.mark.django_db
def test_the_home_page_links_each_declared_tool_with_its_description(client):
    response = client.get("/")

    content = response.content.decode()
    for tool in plugins.registry().home_tools:
        assert f'<a href="{reverse(tool.url_name)}"><strong>{tool.label}</strong></a>' in content
        assert escape(tool.description) in content
    assert [tool.label for tool in plugins.registry().home_tools] == [
        "Readiness and staffing assessment",
        "Policy builder",
        "Post safety check",
        "Executive brief",
    ]

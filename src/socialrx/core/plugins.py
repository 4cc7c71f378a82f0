"""The shared pages every app plugs into: the main menu, the staff menu, an organization's
tabs, the dashboard's panels and the API's routers; and the mailing lists a person may leave
(the email preferences page). Apps declare what they bring; core, `base.html` and `api/`
never name an app.

An app declares on its AppConfig where its `Plugins` are, and core collects every installed
app's the first time a page asks (after every app is ready), without importing the app itself:

    class MembershipConfig(AppConfig):
        plugins = "socialrx.membership.menus.PLUGINS"

    # socialrx/membership/menus.py
    PLUGINS = Plugins(
        menu=[MenuItem("Plans and pricing", "membership:pricing", group="Membership", order=20)],
        staff_menu=[MenuItem("Applications", "membership:staff_applications",
                             permission="membership.review_applications", group="Membership")],
        org_tabs=[OrgTab("Billing", "billing:organization", "billing.view_org_billing", order=41)],
        panels=[DashboardPanel("membership/panels/membership.html",
                               "socialrx.membership.panels.membership", order=40)],
        api_routers=[ApiRouter("/membership", "socialrx.membership.api.router", ("membership",))],
    )

The rules of each kind:

- `permission` is a named permission (django-rules, as views ask it). A menu item or panel
  without one is for everyone (a menu item with `signed_in=True`: every signed-in person); an
  organization tab's permission is asked about the organization.
- `order`: lower comes first, across apps; equal orders keep INSTALLED_APPS order, then the
  order of declaration. Dashboard panels are ordered by role so that each person sees their own
  work first: staff queues 10-19, coaching and teaching 20-29, research 30-39, the person's
  organizations and their membership 40-59, learning and events 60-79, their account 90.
- Menus: items with the same `group` are one drop-down of the header, placed at its first
  item's order; a group with one visible item is a plain link named after the group. The header
  holds about six entries beside the account menu at 1280 px (a browser test measures it), so
  join an existing group ("Membership", "Learn", "Community", "Tools") before adding one, and
  give a section with its own tabs one link. The staff menu is one drop-down whose groups are
  its sections: "Back offices" (one link per app, to its back office) and "Center". An item's
  `section` is the path under which it counts as the current page.
- Panels: `context(request)` (a callable, or its dotted path) returns the template's context,
  or None to leave the panel out. It makes a fixed number of queries whatever the data (tests
  pin it at two data sizes); the person's org roles and verified claims are cached per request
  by `core.permissions`, so asking them costs one query per page, not per panel.
- API routers are added to /api/v1/ in the same order as panels: INSTALLED_APPS, then
  declaration (the OpenAPI document lists operations in that order).
- Footer links (`footer`, MenuItems without permission or group) are shown to everyone at the
  bottom of every page, by order: the site's own pages (About, Contact, Privacy, Terms).
- Home tools (`home_tools`, MenuItems with a `description`) are listed on the home page under
  "Getting to yes with leadership, legal and IT", by order, for everyone.
- Email streams are the mailing lists an app sends, such as
  `EmailStream("library.digest", "Monthly digest", "New resources, courses and events.")`:
  a person leaves one in one click from any of its emails, or on their email preferences page
  (`core.mailing`, which sends them). The `key` is stored with each opt-out, so it never
  changes once used, and starts with the app's label. They are listed in INSTALLED_APPS
  order, then declaration; an app's transactional email (receipts, invitations) is no stream.

`registry()` returns what every app declared; `check_plugins` (a system check) reports a
declaration whose URL name, permission, template or dotted path does not exist, and an email
stream whose key is taken twice or does not start with its app's label.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.core import checks
from django.template import TemplateDoesNotExist
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.module_loading import import_string

from .permissions import allowed

DEFAULT_ORDER = 100

PanelContext = Callable[[Any], "dict | None"]


@dataclass(frozen=True)
class MenuItem:
    """A link of the main menu or the staff menu."""

    label: str
    url_name: str
    permission: str | None = None
    order: int = DEFAULT_ORDER
    group: str = ""
    signed_in: bool = False
    # The path under which the item is the current page ("/staff/registry/" for a back office
    # whose link opens one of its tabs); its own URL by default.
    section: str = ""
    # One sentence under the link where a page lists the items with what they do (the home page).
    description: str = ""


@dataclass(frozen=True)
class OrgTab:
    """A tab of an organization's pages; its URL takes the organization's public id."""

    label: str
    url_name: str
    permission: str
    order: int = DEFAULT_ORDER


@dataclass(frozen=True)
class DashboardPanel:
    """A card of the dashboard: `template` rendered with what `context(request)` returns."""

    template: str
    context: str | PanelContext
    permission: str | None = None
    order: int = DEFAULT_ORDER

    def context_function(self) -> PanelContext:
        return _import(self.context) if isinstance(self.context, str) else self.context


@dataclass(frozen=True)
class ApiRouter:
    """A django-ninja router mounted under /api/v1/`prefix`."""

    prefix: str
    router: str
    tags: Sequence[str] = ()

    def load(self):
        return _import(self.router)


@dataclass(frozen=True)
class EmailStream:
    """A mailing list the app sends (see core.mailing): `key` is stored with opt-outs."""

    key: str
    label: str
    description: str = ""


# "<app label>.<name>": lower case, at most 80 characters (EmailOptOut.stream).
STREAM_KEY = re.compile(r"^[a-z][a-z0-9_]*\.[a-z0-9_.-]+$")
STREAM_KEY_MAX_LENGTH = 80


@dataclass(frozen=True)
class Plugins:
    """Everything one app adds to the shared pages."""

    menu: Sequence[MenuItem] = ()
    staff_menu: Sequence[MenuItem] = ()
    org_tabs: Sequence[OrgTab] = ()
    panels: Sequence[DashboardPanel] = ()
    api_routers: Sequence[ApiRouter] = ()
    email_streams: Sequence[EmailStream] = ()
    # Links of the site's footer (About, Contact, Privacy…): for everyone, ordered.
    footer: Sequence[MenuItem] = ()
    # The tools the home page lists under "Getting to yes with leadership, legal and IT", each
    # with its description: for everyone, ordered.
    home_tools: Sequence[MenuItem] = ()


@dataclass(frozen=True)
class Registry:
    """What the installed apps declared, each kind in display order."""

    menu: tuple[MenuItem, ...] = ()
    staff_menu: tuple[MenuItem, ...] = ()
    org_tabs: tuple[OrgTab, ...] = ()
    panels: tuple[DashboardPanel, ...] = ()
    api_routers: tuple[ApiRouter, ...] = ()
    email_streams: tuple[EmailStream, ...] = ()
    footer: tuple[MenuItem, ...] = ()
    home_tools: tuple[MenuItem, ...] = ()
    sources: tuple[tuple[str, Plugins], ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def collect(cls, declared: Iterable[tuple[str, Plugins]]) -> Registry:
        """From (app label, Plugins) pairs in INSTALLED_APPS order. `sorted` is stable, so
        equal orders keep the apps' order and then the order of declaration."""
        declared = tuple(declared)

        def ordered(kind: str) -> tuple:
            items = [item for _, plugins in declared for item in getattr(plugins, kind)]
            if kind in ("api_routers", "email_streams"):
                return tuple(items)
            return tuple(sorted(items, key=lambda item: item.order))

        return cls(
            menu=ordered("menu"),
            staff_menu=ordered("staff_menu"),
            org_tabs=ordered("org_tabs"),
            panels=ordered("panels"),
            api_routers=ordered("api_routers"),
            email_streams=ordered("email_streams"),
            footer=ordered("footer"),
            home_tools=ordered("home_tools"),
            sources=declared,
        )


def declared_by_apps() -> list[tuple[str, Plugins]]:
    """(app label, Plugins) of every installed app that declares `plugins`, in
    INSTALLED_APPS order."""
    apps.check_apps_ready()
    declared = []
    for config in apps.get_app_configs():
        path = getattr(config, "plugins", None)
        if not path:
            continue
        plugins = import_string(path) if isinstance(path, str) else path
        if not isinstance(plugins, Plugins):
            raise TypeError(f"{config.name}.plugins must name a core.plugins.Plugins: {path!r}")
        declared.append((config.label, plugins))
    return declared


@functools.cache
def registry() -> Registry:
    return Registry.collect(declared_by_apps())


@functools.cache
def _import(path: str):
    return import_string(path)


# --- what one person sees ---------------------------------------------------------------------


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    current: bool = False


@dataclass(frozen=True)
class MenuEntry:
    """A link of the header, or a drop-down group of links (`links` not empty)."""

    label: str
    url: str = ""
    current: bool = False
    links: tuple[Link, ...] = ()

    @property
    def is_group(self) -> bool:
        return bool(self.links)


def _may_see(user, item: MenuItem | DashboardPanel) -> bool:
    signed_in = bool(getattr(user, "is_authenticated", False))
    if getattr(item, "signed_in", False) and not signed_in:
        return False
    return item.permission is None or allowed(user, item.permission)


def _current(sections: list[str], path: str) -> int | None:
    """Which section holds the page being shown: the same path, else the longest section
    that starts it (/registry/ for /registry/hospitals/240010/); the home page only itself."""
    matches = [
        (len(section), index)
        for index, section in enumerate(sections)
        if section == path or (section != "/" and path.startswith(section))
    ]
    return max(matches)[1] if matches else None


def menu_for(
    items: Iterable[MenuItem], user, path: str, *, drop_downs: bool = True
) -> list[MenuEntry]:
    """The menu `user` sees on `path`: visible items, grouped, in order. For the header's
    drop-downs (`drop_downs`) a group with one visible item is a link named after the group;
    for sections (the staff menu's) a group stays a group."""
    visible = [(item, reverse(item.url_name)) for item in items if _may_see(user, item)]
    index = _current([item.section or url for item, url in visible], path)
    current = visible[index][1] if index is not None else None
    grouped: dict[str, list[tuple[MenuItem, str]]] = {}
    entries: list[tuple[str, list[tuple[MenuItem, str]]]] = []
    for item, url in visible:
        key = item.group or f"\0{item.url_name}"
        if key not in grouped:
            grouped[key] = []
            entries.append((item.group, grouped[key]))
        grouped[key].append((item, url))
    menu = []
    for group, members in entries:
        links = tuple(Link(item.label, url, url == current) for item, url in members)
        if not group or (drop_downs and len(links) == 1):
            label = group or links[0].label
            menu.append(MenuEntry(label, url=links[0].url, current=links[0].current))
        else:
            menu.append(MenuEntry(group, current=any(link.current for link in links), links=links))
    return menu


def org_tabs_for(tabs: Iterable[OrgTab], user, organization, path: str) -> list[Link]:
    visible = [
        (tab, reverse(tab.url_name, args=[organization.public_id]))
        for tab in tabs
        if allowed(user, tab.permission, organization)
    ]
    return [Link(tab.label, url, url == path) for tab, url in visible]


@dataclass(frozen=True)
class ShownPanel:
    panel: DashboardPanel
    context: dict


def panels_for(panels: Iterable[DashboardPanel], request) -> list[ShownPanel]:
    """The panels the person sees, in order, with their contexts (a panel whose context
    function returns None is left out)."""
    shown = []
    for panel in panels:
        if not _may_see(request.user, panel):
            continue
        context = panel.context_function()(request)
        if context is not None:
            shown.append(ShownPanel(panel, context))
    return shown


# --- checks -----------------------------------------------------------------------------------


@checks.register(checks.Tags.urls)
def check_plugins(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """Every declared URL name reverses, permission exists, template and dotted path load;
    every email stream's key is well formed, its app's own and taken once."""
    import rules  # noqa: PLC0415 - read only by the system check

    errors: list[checks.CheckMessage] = []
    try:
        declared = declared_by_apps()
    except (ImportError, TypeError) as error:
        return [checks.Error(str(error), id="core.E101")]

    def error(app: str, message: str) -> None:
        errors.append(checks.Error(f"{app}: {message}", id="core.E102"))

    for app, plugins in declared:
        for item in (*plugins.menu, *plugins.staff_menu, *plugins.org_tabs, *plugins.panels):
            if item.permission and not rules.perm_exists(item.permission):
                error(app, f"{item!r} names the unknown permission {item.permission!r}.")
        for item in (*plugins.menu, *plugins.staff_menu, *plugins.footer, *plugins.home_tools):
            try:
                reverse(item.url_name)
            except NoReverseMatch:
                error(app, f"{item!r}: no URL named {item.url_name!r} without arguments.")
        for tab in plugins.org_tabs:
            try:
                reverse(tab.url_name, args=["00000000-0000-0000-0000-000000000000"])
            except NoReverseMatch:
                error(app, f"{tab!r}: no URL named {tab.url_name!r} taking a public id.")
        for panel in plugins.panels:
            try:
                get_template(panel.template)
            except TemplateDoesNotExist:
                error(app, f"{panel!r}: no template {panel.template!r}.")
            try:
                panel.context_function()
            except ImportError:
                error(app, f"{panel!r}: cannot import {panel.context!r}.")
        for router in plugins.api_routers:
            try:
                router.load()
            except ImportError:
                error(app, f"{router!r}: cannot import {router.router!r}.")
    errors.extend(_stream_errors(declared))
    return errors


def _stream_errors(declared: list[tuple[str, Plugins]]) -> list[checks.CheckMessage]:
    errors = []
    seen: dict[str, str] = {}
    for app, plugins in declared:
        for stream in plugins.email_streams:
            key = stream.key
            if not STREAM_KEY.match(key) or len(key) > STREAM_KEY_MAX_LENGTH:
                problem = 'is not "<app label>.<name>" in lower case, at most 80 characters'
            elif not key.startswith(f"{app}."):
                problem = f"does not start with the app's label ({app}.)"
            elif key in seen:
                problem = f"is declared by {seen[key]} too"
            else:
                seen[key] = app
                continue
            errors.append(
                checks.Error(f"{app}: email stream key {key!r} {problem}.", id="core.E103")
            )
    return errors

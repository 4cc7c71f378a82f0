"""Hostile filter values on every staff list page and every admin changelist: never a 500.

The staff pages are found by walking the URL resolver (every ``staff/...`` route without a path
parameter that answers GET); the admin changelists from the admin registry. A page's filter
names come from its own filter form (the GET-bound ``form`` in its context) or, in the admin,
from the changelist's filter specs and date hierarchy, plus common names.

To stay fast, each hostile value is sent in every filter at once. A page that refuses the group
(a form error, the admin's "incorrect lookup" redirect, a 4xx) may have stopped before reading
some of them: the fields a form refused were read and the others are sent again; the admin's
changelist is first built (not rendered) with each name alone, and the names it refuses are
sent alone; any other refusal is split in halves. So each name is read in a group the page
accepted, or alone.
"""

from __future__ import annotations

import pytest
from django.contrib import admin
from django.db import transaction
from django.test import RequestFactory

from socialrx.core import audit
from tests.admin_policy import STAFF_VIEWABLE
from tests.factories import StaffFactory, give_mfa, org_with_admin
from tests.membership.factories import standard_plans
from tests.route_inventory import all_routes

pytestmark = [
    pytest.mark.integration,
    pytest.mark.sweep,
    pytest.mark.django_db,
    pytest.mark.filterwarnings("ignore:No directory at:UserWarning"),
]

HOSTILE_VALUES = [
    "\x00",
    "a\x00b",
    "9999-12-31",
    "0000-00-00",
    "-1",
    str(10**30),
    "x" * 5000,
    "%",
    "' OR 1=1 --",
    "\u202eevil\u202c",  # right-to-left override
]
STAFF_ADMIN_VALUES = ["\x00", "9999-12-31", str(10**30), "x" * 5000]
COMMON_NAMES = ["q", "status", "since", "until", "kind", "page", "o", "format"]

STAFF_PAGES = sorted(
    "/" + route.pattern
    for route in all_routes()
    if route.pattern.startswith("staff/") and "<" not in route.pattern
)
ADMINS = {
    f"{model._meta.app_label}.{model._meta.model_name}": model_admin
    for model, model_admin in admin.site._registry.items()
}


@pytest.fixture
def some_data(staff):
    """A few rows, so list pages render rows and the admin's filters have choices."""
    standard_plans()
    organization, admin_person = org_with_admin(name="Riverside Regional Medical Center")
    audit.record(actor=staff, action="organizations.organization.created", target=organization)
    audit.record(actor=admin_person, action="organizations.invitation.sent", target=organization)


@pytest.fixture
def superuser(db):
    person = StaffFactory(is_superuser=True)
    give_mfa(person)
    return person


# --- the prober -------------------------------------------------------------------------------


def _bound_form(response):
    form = response.context.get("form") if response.context is not None else None
    return form if getattr(form, "is_bound", False) else None


def _accepted(response) -> bool:
    """The page read every parameter: a 200 without form errors (CSV exports have no form),
    and in the admin a changelist (not the "incorrect lookup" page)."""
    if response.status_code != 200:
        return False
    if "/admin/" in response.request["PATH_INFO"] and "cl" not in (response.context or {}):
        return False
    form = _bound_form(response)
    return form is None or not form.errors


class Prober:
    """Sends hostile queries to one page and collects the ones answered with a 5xx.

    `refusals(names, value)`, when given, names those the page refuses alone (found without
    rendering): they are sent alone, the others together."""

    def __init__(self, client, url, refusals=None):
        self.client, self.url, self.refusals = client, url, refusals
        self.client.raise_request_exception = False  # report every failure, not the first
        self.failures = []

    def get(self, query):
        response = self.client.get(self.url, query)
        if response.status_code >= 500:
            self._failed(query)
        return response

    def _failed(self, query):
        shown = {k[:30]: v[:30] if isinstance(v, str) else v for k, v in query.items()}
        self.failures.append(shown)

    def each_name(self, names, value, extra=None):
        names = list(names)
        if self.refusals is not None and len(names) > 1:
            refused = self.refusals(names, value)
            for name in refused:
                self.get({**(extra or {}), name: value})
            names = [name for name in names if name not in refused]
        if names:
            self._together(names, value, extra or {})

    def _together(self, names, value, extra):
        """Send `value` in every name. A refused group may not have read them all: the names a
        form refused were read, the rest are sent again; an unexplained refusal is split."""
        query = {**extra, **dict.fromkeys(names, value)}
        found = len(self.failures)
        response = self.get(query)
        if len(names) == 1 or _accepted(response):
            return
        failed = response.status_code >= 500
        if failed:
            del self.failures[found:]  # find which name it was
        form = _bound_form(response)
        refused = set(form.errors) if form is not None and not failed else set()
        if refused and refused <= set(names):
            rest = [name for name in names if name not in refused]
            if rest:
                self._together(rest, value, extra)
        else:
            middle = len(names) // 2
            self._together(names[:middle], value, extra)
            self._together(names[middle:], value, extra)
        if failed and len(self.failures) == found:
            self._failed(query)  # only the names together fail

    def fuzz(self, names, extra=None, values=HOSTILE_VALUES):
        for value in values:
            self.each_name(names, value, extra)
        # Array-like names, repeated values, and a NUL in the name itself.
        self.get({**(extra or {}), **{f"{name}[]": "1" for name in names}})
        self.get({**(extra or {}), **{name: ["1", "2"] for name in names}})
        self.get({**(extra or {}), **{f"{name}\x00": "1" for name in names}})

    def assert_no_server_error(self):
        assert not self.failures, f"{self.url} answered 5xx for {self.failures}"


# --- staff pages ------------------------------------------------------------------------------


def test_the_staff_list_pages_are_found():
    assert {"/staff/audit/", "/staff/people/", "/staff/billing/invoices/"} <= set(STAFF_PAGES)
    assert "/staff/registry/claims/" in STAFF_PAGES


@pytest.mark.parametrize("url", STAFF_PAGES)
def test_a_staff_list_page_answers_hostile_filters_without_a_server_error(
    client, staff, some_data, url
):
    client.force_login(staff)
    probe = client.get(url, {"q": "x"})
    if probe.status_code == 405:  # an action, not a page: it refuses every GET, hostile or not
        assert client.get(url, {"q": "\x00", "until": "9999-12-31"}).status_code in (400, 405)
        return
    assert probe.status_code == 200
    form = _bound_form(probe)  # bound on GET: a filter form
    names = list(dict.fromkeys([*COMMON_NAMES, *(form.fields if form else [])]))

    prober = Prober(client, url)
    prober.fuzz(names)
    # The CSV exports read the same filters.
    prober.fuzz([name for name in names if name != "format"], extra={"format": "csv"})
    prober.assert_no_server_error()


@pytest.mark.parametrize(
    "query",
    [{"until": "9999-12-31"}, {"since": "9999-12-31"}, {"since": "0001-01-01"}],
    ids=["until-9999", "since-9999", "since-0001"],
)
def test_the_audit_log_refuses_a_date_at_the_calendars_edge_with_a_form_error(client, staff, query):
    client.force_login(staff)

    response = client.get("/staff/audit/", query)

    assert response.status_code == 200
    assert response.context["form"].errors == {
        name: ["Enter a date between 1900 and 2999."] for name in query
    }


def test_the_audit_log_filters_up_to_the_last_date_it_accepts(client, staff):
    audit.record(actor=staff, action="organizations.organization.created", target=staff)
    client.force_login(staff)

    response = client.get("/staff/audit/", {"since": "1900-01-01", "until": "2999-12-31"})

    assert response.status_code == 200
    assert not response.context["form"].errors
    assert response.context["page"].paginator.count == 1


# --- the admin --------------------------------------------------------------------------------


def changelist_names(user, label: str) -> list[str]:
    """The parameters the changelist reads: its filters' own, the date hierarchy's, search,
    ordering, page and "show all", and a common name that is one of the model's fields (a
    plain field lookup, which the admin allows)."""
    model_admin = ADMINS[label]
    request = RequestFactory().get(f"/admin/{label.replace('.', '/')}/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    names = ["q", "o", "p", "all"]
    for spec in changelist.filter_specs:
        names.extend(spec.expected_parameters())
    if model_admin.date_hierarchy:
        names.extend(f"{model_admin.date_hierarchy}__{part}" for part in ("year", "month", "day"))
    fields = {field.name for field in model_admin.model._meta.get_fields()}
    names.extend(name for name in COMMON_NAMES if name in fields)
    return list(dict.fromkeys(names))


def admin_refusals(user, label: str):
    """The names the changelist refuses alone with a value (built, not rendered)."""
    model_admin = ADMINS[label]
    url = f"/admin/{label.replace('.', '/')}/"

    def refusals(names, value) -> set[str]:
        refused = set()
        for name in names:
            request = RequestFactory().get(url, {name: value})
            request.user = user
            try:
                with transaction.atomic():
                    model_admin.get_changelist_instance(request)
            except Exception:  # noqa: BLE001 - refused, or failing: the real request says which
                refused.add(name)
        return refused

    return refusals


DATES = [
    ("9999", "12", "31"),
    ("9999", "12", None),
    ("9999", None, None),
    ("1", "1", "1"),
    ("0", "0", "0"),
    ("2024", "2", "30"),
    ("2024", "13", None),
    ("-1", "1", "1"),
    (str(10**30), None, None),
    ("2024", str(10**30), None),
    ("2024", "1", str(10**30)),
]


def date_hierarchy_queries(field: str):
    for year, month, day in DATES:
        query = {f"{field}__year": year}
        if month is not None:
            query[f"{field}__month"] = month
        if day is not None:
            query[f"{field}__day"] = day
        yield query


# Staff see only the allow-listed admin pages (the others answer 403, tested elsewhere).
ADMIN_CASES = [
    (label, who)
    for label in sorted(ADMINS)
    for who in ("superuser", "staff")
    if who == "superuser" or label in STAFF_VIEWABLE
]


@pytest.mark.parametrize(("label", "who"), ADMIN_CASES)
def test_an_admin_changelist_answers_hostile_filters_without_a_server_error(
    request, client, some_data, label, who
):
    person = request.getfixturevalue(who)
    client.force_login(person)
    url = f"/admin/{label.replace('.', '/')}/"
    status = client.get(url).status_code
    assert status == 200

    prober = Prober(client, url, refusals=admin_refusals(person, label))
    # The changelist reads its filters the same way for both; staff get a shorter list.
    values = HOSTILE_VALUES if who == "superuser" else STAFF_ADMIN_VALUES
    prober.fuzz(changelist_names(person, label), values=values)
    # Switches whose value is not read, and a name that is no field: one request each.
    for query in ({"_to_field": "x" * 5000}, {"e": "1", "kind_of": "x"}, {"nofield": "\x00"}):
        prober.get(query)
    if field := ADMINS[label].date_hierarchy:
        for query in date_hierarchy_queries(field):
            prober.get(query)
    prober.assert_no_server_error()


def _date_fields(label: str) -> list[str]:
    model = next(m for m in admin.site._registry if m._meta.label_lower == label)
    return [
        field.name
        for field in model._meta.concrete_fields
        if field.get_internal_type() in {"DateField", "DateTimeField"}
    ]


# The hostile dates are naive on purpose; Django warns about each before it refuses it.
@pytest.mark.filterwarnings("ignore:DateTimeField .* received a naive datetime:RuntimeWarning")
@pytest.mark.parametrize("label", [label for label in sorted(ADMINS) if _date_fields(label)])
def test_a_date_past_the_calendar_in_any_date_lookup_is_an_incorrect_lookup_not_a_500(
    client, superuser, some_data, label
):
    """Any date field, not only a date hierarchy's: the admin lets field lookups through, and
    9999-12-31 in the viewer's zone (west of UTC) overflows when converted."""
    client.force_login(superuser)
    url = f"/admin/{label.replace('.', '/')}/"
    statuses = {
        query: client.get(url, {query: value}).status_code
        for field in _date_fields(label)
        for query, value in [
            (f"{field}__year", "9999"),
            (f"{field}__gte", "9999-12-31 23:59:59"),
            (f"{field}__lt", "0001-01-01"),
        ]
    }

    assert all(status < 500 for status in statuses.values()), statuses

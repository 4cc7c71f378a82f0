"""Run by tests/test_a_new_app_plugs_in.py in its own pytest process, with
tests.sample_app.settings: the project with the reading-list app installed."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from socialrx.core import plugins
from tests.factories import UserFactory, org_with_admin

pytestmark = pytest.mark.django_db


def test_its_menu_item_panel_and_tab_appear(client):
    organization, admin = org_with_admin(name="Riverside Regional Medical Center")
    client.force_login(admin)

    dashboard = client.get(reverse("dashboard")).content.decode()
    organization_page = client.get(
        reverse("organizations:detail", args=[organization.public_id])
    ).content.decode()

    assert 'href="/reading/"' in dashboard
    assert "Your reading list" in dashboard
    assert "Griffis et al. 2014" in dashboard
    assert f'href="/reading/{organization.public_id}/"' in organization_page


def test_a_visitor_sees_neither_its_menu_item_nor_its_page(client):
    assert 'href="/reading/"' not in client.get("/").content.decode()
    assert client.get("/reading/").status_code == 302


def test_its_api_router_is_mounted_and_documented(client):
    items = client.get("/api/v1/reading/items")
    document = client.get("/api/v1/openapi.json").json()

    assert items.json() == [
        "Griffis et al. 2014: hospital use of social media and patient experience"
    ]
    assert "/api/v1/reading/items" in document["paths"]
    assert [declared.prefix for declared in plugins.registry().api_routers][-1] == "/reading"


def test_its_permissions_pass_the_system_check():
    call_command("check", stdout=StringIO())


def test_its_demo_runs_after_the_apps_it_needs():
    out = StringIO()

    call_command("seed_demo", profile="small", stdout=out)

    report = out.getvalue()
    assert "A reading list for Riverside Regional Medical Center." in report
    assert report.index("Registry") < report.index("Reading list")
    assert UserFactory._meta.model.objects.filter(email__endswith=".example").exists()

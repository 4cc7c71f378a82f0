"""No page of the Django admin shows a secret, to staff or to superusers.

Walks every model registered in the admin, its list and the change page of each of its rows,
as a center staff member who is not a superuser and as a superuser, and looks for every secret
the database holds: second-factor secrets (plain and encrypted), recovery codes and their seed,
API token values and hashes, password hashes, invitation nonces, OAuth tokens and client
secrets."""

import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.socialaccount.models import SocialAccount, SocialApp, SocialToken
from django.contrib import admin
from django.contrib.admin.utils import flatten
from django.test import Client

from socialrx.accounts.secrets_at_rest import decrypt
from socialrx.accounts.services import create_api_token
from socialrx.organizations.models import Invitation
from tests.admin_policy import STAFF_VIEWABLE
from tests.factories import StaffFactory, UserFactory, give_mfa, org_with_admin

pytestmark = [pytest.mark.integration, pytest.mark.sweep, pytest.mark.django_db]

SECRET_FIELD = re.compile(r"secret|token(?!_prefix)|hash|seed|nonce|password|key$|data$", re.I)


@pytest.fixture
def people_with_secrets():
    superuser = UserFactory(is_staff=True, is_superuser=True)
    give_mfa(superuser)
    RecoveryCodes.activate(superuser)
    staff = StaffFactory()
    give_mfa(staff)
    organization, org_admin = org_with_admin(name="Riverside Regional Medical Center")
    Invitation.objects.create(
        organization=organization,
        email="new.nurse@riverside.example",
        nonce="NONCE0123456789abcdefNONCE0123",
        invited_by=org_admin,
        expires_at="2099-01-01T00:00:00Z",
    )
    _, raw_token = create_api_token(user=superuser, name="Nightly export")
    app = SocialApp.objects.create(
        provider="openid_connect", name="Hospital SSO", client_id="cid", secret="APPSECRET-42x"
    )
    account = SocialAccount.objects.create(
        user=org_admin, provider="hospital-sso", uid="sub-77", extra_data={"at": "IDTOK-99"}
    )
    SocialToken.objects.create(
        app=app, account=account, token="OAUTHTOKEN-1q2w", token_secret="OAUTHSECRET-3e4r"
    )
    return superuser, staff, _secrets(raw_token)


def _secrets(raw_token: str) -> list[str]:
    secrets = [raw_token, "NONCE0123456789abcdefNONCE0123", "APPSECRET-42x", "IDTOK-99"]
    secrets += ["OAUTHTOKEN-1q2w", "OAUTHSECRET-3e4r"]
    for authenticator in Authenticator.objects.all():
        for field in ("secret", "seed"):
            if field in authenticator.data:
                secrets += [authenticator.data[field], decrypt(authenticator.data[field])]
        if authenticator.type == Authenticator.Type.RECOVERY_CODES:
            secrets += RecoveryCodes(authenticator).get_unused_codes()
    from socialrx.accounts.models import ApiToken, User

    secrets += list(ApiToken.objects.values_list("token_hash", flat=True))
    for password in User.objects.values_list("password", flat=True):
        secrets += [part for part in password.split("$") if len(part) >= 8]
    return secrets


def _pages(client: Client) -> list[tuple[str, str]]:
    """(url, html) of every admin list and change page this client may open."""
    pages = []
    for model, _ in admin.site._registry.items():
        label = f"{model._meta.app_label}.{model._meta.model_name}"
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        response = client.get(base)
        if response.status_code == 403:
            continue
        assert response.status_code == 200, (label, response.status_code)
        pages.append((base, response.content.decode()))
        for pk in model._default_manager.values_list("pk", flat=True)[:5]:
            change = client.get(f"{base}{pk}/change/")
            assert change.status_code == 200, (label, pk, change.status_code)
            pages.append((f"{base}{pk}/change/", change.content.decode()))
    return pages


@pytest.mark.parametrize("who", ["staff", "superuser"])
def test_no_admin_page_shows_a_secret(people_with_secrets, who):
    superuser, staff, secrets = people_with_secrets
    client = Client()
    client.force_login(superuser if who == "superuser" else staff)

    pages = _pages(client)

    assert len(pages) > 20
    leaks = [(url, secret) for url, html in pages for secret in secrets if secret in html]
    assert leaks == []


def test_center_staff_see_only_the_allow_listed_models(people_with_secrets):
    _, staff, _ = people_with_secrets
    client = Client()
    client.force_login(staff)

    visible = set()
    for model in admin.site._registry:
        url = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        if client.get(url).status_code == 200:
            visible.add(f"{model._meta.app_label}.{model._meta.model_name}")

    assert visible == STAFF_VIEWABLE
    assert client.get("/admin/mfa/authenticator/").status_code == 403


def test_no_admin_shows_a_field_that_holds_a_secret(people_with_secrets, rf):
    superuser, _, _ = people_with_secrets
    request = rf.get("/admin/")
    request.user = superuser
    offenders = []
    for model, model_admin in admin.site._registry.items():
        instance = model._default_manager.first()
        shown = [*model_admin.get_list_display(request)]
        for _, options in model_admin.get_fieldsets(request, instance):
            shown += flatten(options["fields"])
        offenders += [
            f"{model._meta.label}.{name}"
            for name in shown
            if isinstance(name, str) and SECRET_FIELD.search(name)
        ]
    # A registry account's key is its normalised public address, not a credential; a site
    # page's key names the page ("about", "terms"), shown in its list and on its form.
    offenders.remove("registry.Account.key")
    offenders = [name for name in offenders if name != "library.SitePage.key"]

    assert offenders == []


def test_allauths_credential_admins_are_gone():
    assert not admin.site.is_registered(SocialToken)
    assert not admin.site.is_registered(SocialApp)

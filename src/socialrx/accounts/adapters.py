from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.conf import settings


class AccountAdapter(DefaultAccountAdapter):
    def get_login_redirect_url(self, request):
        return super().get_login_redirect_url(request)

    def is_open_for_signup(self, request) -> bool:
        return getattr(settings, "ACCOUNT_ALLOW_SIGNUP", True)


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Accounts from a hospital IdP or Doximity: the IdP vouches for the email address."""

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = " ".join(part for part in [data.get("first_name"), data.get("last_name")] if part)
        user.full_name = data.get("name") or name
        return user

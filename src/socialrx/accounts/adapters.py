from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.contrib.sites.shortcuts import get_current_site
from django.core.exceptions import PermissionDenied
from django.utils.html import linebreaks

from socialrx.core.email import queue_email, single_line
from socialrx.core.requests import client_ip

from . import secrets_at_rest


class AccountAdapter(DefaultAccountAdapter):
    def get_client_ip(self, request):
        """allauth's rate limits (failed logins, sign-ups, password resets) key on the same
        client address as every other SocialRx limit: behind TRUSTED_PROXY_COUNT proxies, the
        address the outermost proxy saw, so one visitor cannot lock out everyone else."""
        address = client_ip(request)
        if not address:
            raise PermissionDenied("Unable to determine the client's address.")
        return address

    def send_mail(self, template_prefix, email, context):
        """Allauth's mails (verification, password reset…) go out like every other SocialRx
        email: text and HTML parts, sent by a task after the transaction commits."""
        # The context allauth's own send_mail builds: its templates greet with the site's name.
        context = {
            "request": self.request,
            "email": email,
            "current_site": get_current_site(self.request),
            **context,
        }
        message = self.render_mail(template_prefix, email, context)
        html_body = next(
            (content for content, mime in message.alternatives if mime == "text/html"),
            linebreaks(message.body, autoescape=True),
        )
        queue_email(
            to=list(message.to),
            subject=single_line(message.subject),
            text_body=message.body,
            html_body=html_body,
            template=template_prefix,
            triggered_by=getattr(self.request, "user", None),
        )


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Accounts from a hospital IdP or Doximity: the IdP vouches for the email address."""

    def populate_user(self, request, sociallogin, data):
        user = super().populate_user(request, sociallogin, data)
        name = " ".join(part for part in [data.get("first_name"), data.get("last_name")] if part)
        user.full_name = data.get("name") or name
        return user


class MfaAdapter(DefaultMFAAdapter):
    """Second-factor secrets are encrypted at rest (see secrets_at_rest)."""

    def encrypt(self, text: str) -> str:
        return secrets_at_rest.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secrets_at_rest.decrypt(encrypted_text)

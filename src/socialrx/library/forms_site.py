"""The contact form (with a honeypot field people never see) and staff's site page form."""

from __future__ import annotations

from django import forms

from socialrx.core.forms import Form

from .models import ContactTopic
from .services.site import BODY_LIMIT, CONTACT_LIMITS, TITLE_LIMIT


class ContactForm(Form):
    name = forms.CharField(label="Your name", max_length=CONTACT_LIMITS["name"])
    email = forms.EmailField(
        label="Your email address",
        max_length=CONTACT_LIMITS["email"],
        help_text="We answer here; it is not used for anything else.",
    )
    organization = forms.CharField(
        label="Organization",
        max_length=CONTACT_LIMITS["organization"],
        required=False,
        help_text="Optional: your hospital, health system or practice.",
    )
    topic = forms.ChoiceField(label="What is it about?", choices=ContactTopic.choices)
    message = forms.CharField(
        label="Your message",
        max_length=CONTACT_LIMITS["message"],
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="Please include no information about a patient.",
    )
    # The honeypot: hidden from people (and from screen readers), filled by form robots.
    website = forms.CharField(
        label="Leave this field empty",
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def is_robot(self) -> bool:
        return bool(self.data.get("website"))


class SitePageForm(Form):
    title = forms.CharField(max_length=TITLE_LIMIT)
    body = forms.CharField(
        label="Text",
        max_length=BODY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 24}),
        help_text="Markdown: ## for a heading, **bold**, - for a list, [text](/contact/) for "
        "a link. The page's title is its only top-level heading.",
    )

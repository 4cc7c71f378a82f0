"""The directory's forms: the search and filters of both tabs, the contact form, a person's
own entry and an organization's entry. The services check the same rules again: these put the
message beside the field before anything is sent."""

from __future__ import annotations

from django import forms

from socialrx.core.forms import Form
from socialrx.core.geography import US_STATES
from socialrx.organizations.models import OrganizationType
from socialrx.taxonomy.models import Platform, Topic

from .services.directory import BIO_LIMIT, DESCRIPTION_LIMIT, MESSAGE_LIMIT, SUBJECT_LIMIT

SEARCH_LIMIT = 100
ANY = [("", "Any")]


class _DirectoryFilters(Form):
    q = forms.CharField(label="Search", required=False, max_length=SEARCH_LIMIT, strip=True)
    platform = forms.ChoiceField(label="Platform", required=False)
    org_type = forms.ChoiceField(
        label="Organization type", required=False, choices=ANY + list(OrganizationType.choices)
    )
    state = forms.ChoiceField(label="State", required=False, choices=ANY + list(US_STATES))

    def __init__(self, data=None, *, platforms, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["platform"].choices = ANY + list(platforms)

    def values(self) -> dict[str, str]:
        """The valid filters (an invalid one is left out and shown with its error)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if value and name in self.fields
        }


class PeopleFilterForm(_DirectoryFilters):
    topic = forms.ChoiceField(label="Expertise", required=False)
    field_order = ["q", "platform", "topic", "org_type", "state"]

    def __init__(self, data=None, *, platforms, topics, **kwargs):
        super().__init__(data, platforms=platforms, **kwargs)
        self.fields["q"].help_text = "A name, role or organization."
        self.fields["topic"].choices = ANY + list(topics)


class OrganizationFilterForm(_DirectoryFilters):
    size_band = forms.ChoiceField(label="Size", required=False)
    field_order = ["q", "org_type", "platform", "state", "size_band"]

    def __init__(self, data=None, *, platforms, size_bands, **kwargs):
        super().__init__(data, platforms=platforms, **kwargs)
        self.fields["q"].help_text = "An organization's name."
        self.fields["size_band"].choices = ANY + list(size_bands)


class ContactForm(Form):
    subject = forms.CharField(max_length=SUBJECT_LIMIT)
    message = forms.CharField(
        max_length=MESSAGE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=f"Plain text, up to {MESSAGE_LIMIT:,} characters.",
    )


class DirectoryEntryForm(Form):
    is_listed = forms.BooleanField(
        label="List me in the member directory",
        required=False,
        help_text="Only people of member organizations see the directory.",
    )
    role_title = forms.CharField(
        label="Role",
        max_length=120,
        required=False,
        help_text="For example “Director of Digital Communications”.",
    )
    organization = forms.ModelChoiceField(
        queryset=None,
        required=False,
        label="Organization shown",
        empty_label="None",
    )
    bio = forms.CharField(
        label="About me",
        max_length=BIO_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"Plain text, up to {BIO_LIMIT} characters.",
    )
    platforms = forms.ModelMultipleChoiceField(
        Platform.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    expertise = forms.ModelMultipleChoiceField(
        Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    accepts_messages = forms.BooleanField(
        label="Members may send me messages",
        required=False,
        help_text="Messages reach you by email; your address is never shown to the sender.",
    )

    def __init__(self, data=None, *, organizations, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["organization"].queryset = organizations


class OrganizationEntryForm(Form):
    is_listed = forms.BooleanField(
        label="List the organization in the member directory", required=False
    )
    description = forms.CharField(
        max_length=DESCRIPTION_LIMIT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=f"Plain text, up to {DESCRIPTION_LIMIT} characters: what you do on social media.",
    )
    platforms = forms.ModelMultipleChoiceField(
        Platform.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The platforms the organization posts on.",
    )

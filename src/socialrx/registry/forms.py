"""Validation of what people type into the registry's pages."""

from __future__ import annotations

from datetime import date

from django import forms
from django.utils import timezone

from socialrx.core.forms import Form
from socialrx.core.geography import US_STATES
from socialrx.core.platforms import Platform

from .classification import OwnershipGroup
from .models import (
    AccountStatus,
    CorrectableField,
    CorrectionKind,
    EntityKind,
    ImportKind,
)
from .models.accounts import MAX_FOLLOWERS
from .search_text import MAX_QUERY_LENGTH, Sort

ANY = [("", "Any")]


class SearchForm(Form):
    # No max_length: a longer query is searched by its first MAX_QUERY_LENGTH characters, and
    # the page says so (an error would drop the query and list everything instead).
    q = forms.CharField(
        label="Name, city or handle",
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "maxlength": MAX_QUERY_LENGTH}
        ),
        help_text="Spelling need not be exact. A CCN, NPI, ZIP code or account address works too.",
    )
    sort = forms.ChoiceField(label="Sort by", choices=Sort.choices, required=False)
    kind = forms.ChoiceField(
        label="Listing", choices=[("", "All listings"), *EntityKind.choices], required=False
    )
    state = forms.ChoiceField(label="State", choices=ANY + US_STATES, required=False)
    platform = forms.ChoiceField(
        label="On platform", choices=ANY + Platform.choices, required=False
    )
    hospital_type = forms.ChoiceField(label="Hospital type", choices=ANY, required=False)
    ownership = forms.ChoiceField(
        label="Ownership", choices=ANY + OwnershipGroup.choices, required=False
    )
    specialty = forms.ChoiceField(label="Specialty", choices=ANY, required=False)
    presence = forms.ChoiceField(
        label="Social media presence",
        choices=[("", "Either"), ("any", "Has an account"), ("none", "No account listed")],
        required=False,
    )

    def __init__(self, *args, hospital_types=(), specialties=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hospital_type"].choices = ANY + [(t, t) for t in hospital_types]
        self.fields["specialty"].choices = ANY + [(s, s) for s in specialties]


class AsOfForm(Form):
    kind = forms.ChoiceField(
        label="Who",
        choices=[
            (EntityKind.HOSPITAL, "Hospitals"),
            (EntityKind.PHYSICIAN, "Physicians"),
            (EntityKind.HEALTH_SYSTEM, "Health systems"),
            (EntityKind.ORGANIZATION, "Other health organizations"),
        ],
        required=False,
    )
    as_of = forms.DateField(
        label="As of",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Counts accounts listed on that day.",
    )

    def clean_as_of(self) -> date:
        day = self.cleaned_data.get("as_of") or timezone.localdate()
        if day > timezone.localdate():
            raise forms.ValidationError("Choose today or a day in the past.")
        if day.year < 2004:
            raise forms.ValidationError("Choose a day from 2004 on (before, there was none).")
        return day


class LeaderboardForm(Form):
    platform = forms.ChoiceField(label="Platform", choices=Platform.choices, required=False)
    kind = forms.ChoiceField(
        label="Listing", choices=[("", "All listings"), *EntityKind.choices], required=False
    )
    state = forms.ChoiceField(label="State", choices=ANY + US_STATES, required=False)


class ClaimForm(Form):
    job_title = forms.CharField(
        label="Your role there",
        max_length=150,
        help_text="For example: Director of Marketing and Communications, or "
        "“I am this physician”.",
    )
    organization = forms.ChoiceField(
        label="Your organization on SocialRx",
        required=False,
        help_text="Optional. Links this listing to an organization you administer.",
    )
    message = forms.CharField(
        label="Anything staff should know",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Read only if your email address is not at the listing's website domain.",
    )

    def __init__(self, *args, organizations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.organizations = {str(o.public_id): o for o in organizations}
        self.fields["organization"].choices = [("", "None")] + [
            (str(o.public_id), o.name) for o in organizations
        ]
        if not organizations:
            del self.fields["organization"]

    def clean_organization(self):
        value = self.cleaned_data.get("organization")
        return self.organizations.get(value) if value else None


class AccountForm(Form):
    platform = forms.ChoiceField(label="Platform", choices=Platform.choices)
    address = forms.CharField(
        label="Address or handle",
        max_length=500,
        help_text="Paste the page's address (https://x.com/YourHospital) or type the handle.",
    )
    followers = forms.IntegerField(
        label="Followers", required=False, min_value=0, max_value=MAX_FOLLOWERS
    )
    checked_on = forms.DateField(
        label="Counted on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The day the followers were counted (today if empty).",
    )
    verified = forms.BooleanField(label="Verified by the platform", required=False)


class AccountUpdateForm(Form):
    followers = forms.IntegerField(
        label="Followers", required=False, min_value=0, max_value=MAX_FOLLOWERS
    )
    checked_on = forms.DateField(
        label="Counted on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The day the followers were counted (today if empty). An earlier day adds to "
        "the account's history.",
    )
    status = forms.ChoiceField(label="Status", choices=AccountStatus.choices)
    verified = forms.BooleanField(label="Verified by the platform", required=False)


class RemoveAccountForm(Form):
    reason = forms.CharField(label="Why", required=False, max_length=300)


class CorrectionForm(Form):
    kind = forms.ChoiceField(
        label="What is wrong", choices=CorrectionKind.choices, widget=forms.RadioSelect
    )
    field = forms.ChoiceField(
        label="Which detail", choices=[("", "Choose")] + CorrectableField.choices, required=False
    )
    proposed_value = forms.CharField(
        label="Correct value, or the missing account's address",
        required=False,
        max_length=500,
    )
    platform = forms.ChoiceField(
        label="Platform of the missing account",
        choices=[("", "Choose")] + Platform.choices,
        required=False,
    )
    account = forms.ChoiceField(label="Account to remove", required=False)
    explanation = forms.CharField(
        label="Explanation",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="How do you know? A link helps staff check.",
    )
    contact_email = forms.EmailField(
        label="Your email (optional)",
        required=False,
        help_text="Only to tell you when it is reviewed.",
    )
    # Left empty by people; filled by bots that fill every field.
    website_url = forms.CharField(
        label="Leave this empty",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def __init__(self, *args, accounts=(), signed_in=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.accounts = {str(a.public_id): a for a in accounts}
        self.fields["account"].choices = [("", "Choose")] + [
            (str(a.public_id), str(a)) for a in accounts
        ]
        if signed_in:
            del self.fields["contact_email"]

    def clean_account(self):
        value = self.cleaned_data.get("account")
        return self.accounts.get(value) if value else None

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("website_url"):
            raise forms.ValidationError("This suggestion could not be accepted.")
        return cleaned


class ImportUploadForm(Form):
    kind = forms.ChoiceField(label="The file holds", choices=ImportKind.choices)
    file = forms.FileField(
        label="File",
        help_text="CSV (comma, semicolon or tab separated; UTF-8 or Windows encoding) or Excel "
        ".xlsx.",
    )


class DecisionForm(Form):
    note = forms.CharField(label="Note", required=False, max_length=1000)


class FindListingForm(Form):
    """The first step of adding an organization: find its listing."""

    q = forms.CharField(
        label="Name, city, CMS certification number or NPI",
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
        help_text="For example: Riverside Regional, Rochester, 240010 or 1234567893.",
    )


class ListingClaimForm(Form):
    """The last step: claim the listing for the organization just created."""

    job_title = forms.CharField(
        label="Your role there",
        max_length=150,
        help_text="For example: Director of Marketing and Communications.",
    )
    message = forms.CharField(
        label="Anything staff should know",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Read only if your email address is not at the listing's website domain.",
    )


class AliasForm(Form):
    """A short name for a listing (center staff, on the aliases page)."""

    listing = forms.CharField(
        label="Listing",
        max_length=300,
        help_text="Its CMS certification number, NPI, or the address of its registry page.",
    )
    alias = forms.CharField(
        label="Short name",
        max_length=120,
        help_text="As people write it: MGH, CHOP, NYU Langone. Search finds the listing by it.",
    )

"""The contribution forms: a resource (kind, text, taxonomy, one optional file, the credited
organization, the suggested access) and staff's decision. The case study's structured form is
in forms_case_studies. The services check the same rules again."""

from __future__ import annotations

from django import forms

from socialrx.core.forms import Form
from socialrx.taxonomy.models import Platform, Topic

from .models import Access, Audience, ResourceReview
from .services.contribution_reviews import NOTE_LIMIT
from .services.contributions import (
    BODY_LIMIT,
    CONTRIBUTED_KINDS,
    MINUTES_RANGE,
    SUMMARY_LIMIT,
    TITLE_LIMIT,
    ContributionDraft,
)

ACCESS_SUGGESTIONS = [
    (Access.MEMBER.value, "Members only"),
    (Access.PUBLIC.value, "Anyone, also visitors (public)"),
]
MARKDOWN_HELP = (
    "Markdown: ## headings, **bold**, lists, [links](https://…) and tables. "
    "Scripts and HTML are removed."
)


class OrganizationField(forms.ModelChoiceField):
    def label_from_instance(self, organization) -> str:
        return organization.name


def taxonomy_fields() -> dict[str, forms.Field]:
    return {
        "topics": forms.ModelMultipleChoiceField(
            label="Topics",
            queryset=Topic.objects.all(),
            to_field_name="slug",
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": "Choose at least one topic.",
                "invalid_choice": "Choose topics from the list.",
            },
        ),
        "platforms": forms.ModelMultipleChoiceField(
            label="Platforms",
            queryset=Platform.objects.all(),
            to_field_name="code",
            widget=forms.CheckboxSelectMultiple,
            required=False,
            error_messages={"invalid_choice": "Choose platforms from the list."},
        ),
    }


class CreditedForm(Form):
    """What every contribution has: its title and summary, the credited organization, the
    suggested access and its taxonomy (the subclasses add theirs)."""

    title = forms.CharField(label="Title", max_length=TITLE_LIMIT)
    summary = forms.CharField(
        label="Summary",
        max_length=SUMMARY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=f"One or two sentences shown in the library's lists (up to {SUMMARY_LIMIT} "
        "characters).",
    )
    organization = OrganizationField(
        label="Credited to",
        queryset=None,
        to_field_name="public_id",
        help_text="The published item says “Contributed by” this organization.",
        error_messages={"invalid_choice": "Credit one of your member organizations."},
    )
    access = forms.ChoiceField(
        label="Who should read it",
        widget=forms.RadioSelect,
        choices=ACCESS_SUGGESTIONS,
        initial=Access.MEMBER,
        help_text="Your suggestion: staff decide when they publish it.",
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields.update(taxonomy_fields())
        organization = self.fields["organization"]
        organization.queryset = organizations
        organization.error_messages["required"] = "Choose the organization it is credited to."
        self.fields["title"].error_messages["required"] = "Write the title."
        self.fields["summary"].error_messages["required"] = "Write a short summary."

    def clean_summary(self):
        return " ".join(self.cleaned_data["summary"].split())

    def draft(self, *, kind: str, body: str = "", **more) -> ContributionDraft:
        data = self.cleaned_data
        return ContributionDraft(
            kind=kind,
            title=data["title"],
            summary=data["summary"],
            organization=data["organization"],
            access=data["access"],
            body=body,
            topics=list(data["topics"]),
            platforms=list(data["platforms"]),
            **more,
        )


class ResourceContributionForm(CreditedForm):
    kind = forms.ChoiceField(
        label="Kind of resource",
        choices=[(kind.value, kind.label) for kind in CONTRIBUTED_KINDS],
        error_messages={"invalid_choice": "Choose one of the kinds in the list."},
    )
    body = forms.CharField(
        label="Text",
        required=False,
        max_length=BODY_LIMIT,
        widget=forms.Textarea(attrs={"rows": 18}),
        help_text=f"{MARKDOWN_HELP} Needed unless you attach a file.",
    )
    minutes = forms.IntegerField(
        label="Reading or watching time (minutes)",
        required=False,
        min_value=MINUTES_RANGE[0],
        max_value=MINUTES_RANGE[1],
        error_messages={"invalid": "Give a whole number of minutes, like 10."},
    )
    file = forms.FileField(
        label="File (optional)",
        required=False,
        help_text="One PDF, Word, PowerPoint, audio or video file.",
    )

    field_order = ["kind", "title", "summary", "body", "file", "minutes", "organization"]

    def __init__(self, *args, has_file: bool = False, upload_check=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.has_file = has_file
        self.upload_check = upload_check
        self.fields["audiences"] = forms.ModelMultipleChoiceField(
            label="Written for",
            queryset=Audience.objects.all(),
            to_field_name="slug",
            widget=forms.CheckboxSelectMultiple,
            required=False,
            error_messages={"invalid_choice": "Choose audiences from the list."},
        )
        self.fields["kind"].error_messages["required"] = "Choose the kind of resource."

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and self.upload_check is not None:
            self.upload_check(uploaded)  # raises ValidationError naming the limit
        return uploaded

    def clean(self):
        cleaned = super().clean()
        body = (cleaned.get("body") or "").strip()
        if not body and not cleaned.get("file") and not self.has_file and "body" not in self.errors:
            self.add_error("body", "Write the text or attach a file.")
        return cleaned

    def contribution(self) -> ContributionDraft:
        data = self.cleaned_data
        return self.draft(
            kind=data["kind"],
            body=data["body"],
            audiences=list(data["audiences"]),
            minutes=data["minutes"],
        )


def initial_from(resource) -> dict:
    """The form's answers from a saved contribution (its prefetched taxonomy)."""
    return {
        "kind": resource.kind,
        "title": resource.title,
        "summary": resource.summary,
        "body": resource.body,
        "minutes": resource.minutes,
        "organization": resource.contributed_by_organization,
        "access": resource.access,
        "topics": list(resource.topics.all()),
        "platforms": list(resource.platforms.all()),
        "audiences": list(resource.audiences.all()),
    }


DECISIONS = [
    (ResourceReview.Decision.APPROVED.value, "Approve and publish"),
    (ResourceReview.Decision.CHANGES_REQUESTED.value, "Send back with changes requested"),
    (ResourceReview.Decision.REJECTED.value, "Reject"),
]


class ReviewForm(Form):
    decision = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        choices=DECISIONS,
        error_messages={"required": "Choose a decision."},
    )
    access = forms.ChoiceField(
        label="Who may read it once published",
        widget=forms.RadioSelect,
        choices=[(access.value, access.label) for access in Access],
        required=False,
        help_text="The contributor's suggestion is chosen to begin with.",
    )
    note = forms.CharField(
        label="Note to the contributor",
        required=False,
        max_length=NOTE_LIMIT,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Required to request changes or to reject: say what to change, or why. "
        "The contributor and their organization's admins receive it by email.",
    )

    def clean(self):
        cleaned = super().clean()
        decision = cleaned.get("decision")
        note = (cleaned.get("note") or "").strip()
        if decision == ResourceReview.Decision.APPROVED and not cleaned.get("access"):
            self.add_error("access", "Choose who may read it once published.")
        if decision == ResourceReview.Decision.CHANGES_REQUESTED and not note:
            self.add_error("note", "Say what the contributor should change.")
        if decision == ResourceReview.Decision.REJECTED and not note:
            self.add_error("note", "Give the reason for rejecting it: the contributor reads it.")
        return cleaned


__all__ = [
    "ACCESS_SUGGESTIONS",
    "CreditedForm",
    "ResourceContributionForm",
    "ReviewForm",
    "initial_from",
    "taxonomy_fields",
]

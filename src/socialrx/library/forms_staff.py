"""Staff's forms for the library's back office: the list's filters, a resource's fields, its
files (upload, order), publication and the usage report's month."""

from __future__ import annotations

from datetime import date, timedelta

from django import forms

from socialrx.core.calendar import center_today
from socialrx.core.forms import Form
from socialrx.taxonomy.models import Platform, Topic

from .models import Access, Audience, ResourceKind, ResourceStatus
from .services.authoring import ResourceData

ANY = [("", "Any")]
MARKDOWN_HELP = (
    "Markdown: ## headings, **bold**, *italic*, lists, [links](https://…), tables. It is "
    "sanitised: HTML, scripts and unsafe links are removed when it is shown."
)


class StaffFilterForm(Form):
    q = forms.CharField(label="Title contains", required=False, max_length=200)
    status = forms.ChoiceField(choices=ANY + ResourceStatus.choices, required=False)
    kind = forms.ChoiceField(choices=ANY + ResourceKind.choices, required=False)
    access = forms.ChoiceField(choices=ANY + Access.choices, required=False)

    def filters(self) -> dict[str, str]:
        """The valid filters (an invalid form filters nothing)."""
        if not self.is_valid():
            return {}
        return {name: value for name, value in self.cleaned_data.items() if value}


class ResourceForm(Form):
    title = forms.CharField(max_length=200)
    slug = forms.SlugField(
        label="Address",
        max_length=120,
        required=False,
        help_text="The end of the page's address (/library/r/…/). Left empty, it is made from "
        "the title. Changing it breaks links people saved.",
    )
    kind = forms.ChoiceField(choices=ResourceKind.choices)
    summary = forms.CharField(
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="One or two sentences for the catalogue and search (at most 400 characters).",
    )
    body = forms.CharField(
        label="Text",
        required=False,
        max_length=100_000,
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text=MARKDOWN_HELP,
    )
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    platforms = forms.ModelMultipleChoiceField(
        queryset=Platform.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    audiences = forms.ModelMultipleChoiceField(
        label="Written for",
        queryset=Audience.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    minutes = forms.IntegerField(
        label="Reading, listening or watching time (minutes)",
        min_value=1,
        max_value=600,
        required=False,
        help_text="Left empty for audio and video, it is filled in from the first file's length.",
    )
    access = forms.ChoiceField(
        label="Who may read it", choices=Access.choices, widget=forms.RadioSelect
    )
    reviewed_on = forms.DateField(
        label="Last reviewed",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="When someone last checked it is still right.",
    )
    change_note = forms.CharField(
        label="What changed",
        max_length=300,
        required=False,
        help_text="Policy templates and checklists: shown with the new version readers compare.",
    )

    def __init__(self, *args, versioned: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.versioned = versioned

    def clean_reviewed_on(self):
        reviewed = self.cleaned_data.get("reviewed_on")
        if reviewed and not date(2000, 1, 1) <= reviewed <= center_today():
            raise forms.ValidationError("Give a date from 2000 to today.")
        return reviewed

    @staticmethod
    def initial_for(resource) -> dict:
        return {
            "title": resource.title,
            "slug": resource.slug,
            "kind": resource.kind,
            "summary": resource.summary,
            "body": resource.body,
            "topics": list(resource.topics.all()),
            "platforms": list(resource.platforms.all()),
            "audiences": list(resource.audiences.all()),
            "minutes": resource.minutes,
            "access": resource.access,
            "reviewed_on": resource.reviewed_on,
        }

    def data_for_service(self) -> ResourceData:
        values = self.cleaned_data
        return ResourceData(
            title=values["title"],
            slug=values.get("slug") or "",
            kind=values["kind"],
            summary=values["summary"],
            body=values.get("body") or "",
            access=values["access"],
            minutes=values.get("minutes"),
            reviewed_on=values.get("reviewed_on"),
            topics=list(values.get("topics") or []),
            platforms=list(values.get("platforms") or []),
            audiences=list(values.get("audiences") or []),
        )


class FileUploadForm(Form):
    file = forms.FileField(
        label="Add a file",
        help_text="PDF, Word (DOCX), PowerPoint (PPTX) or Excel (XLSX) documents; MP3, M4A or "
        "WAV audio; MP4 or WebM video. The file's content decides its type.",
    )


class MoveForm(Form):
    direction = forms.ChoiceField(choices=[("up", "Up"), ("down", "Down")])


class PublishForm(Form):
    change_note = forms.CharField(label="What changed", max_length=300, required=False)


def recent_months(today: date, count: int = 24) -> list[date]:
    months, month = [], today.replace(day=1)
    for _ in range(count):
        months.append(month)
        month = (month - timedelta(days=1)).replace(day=1)
    return months


class UsageMonthForm(Form):
    month = forms.ChoiceField(label="Month", required=False)

    def __init__(self, *args, today: date, **kwargs):
        super().__init__(*args, **kwargs)
        self.months = recent_months(today)
        self.fields["month"].choices = [
            (month.strftime("%Y-%m"), month.strftime("%B %Y")) for month in self.months
        ]

    def chosen(self) -> date:
        """The month asked for; this month when none or an unknown one is."""
        if self.is_valid() and self.cleaned_data.get("month"):
            year, month = self.cleaned_data["month"].split("-")
            return date(int(year), int(month), 1)
        return self.months[0]

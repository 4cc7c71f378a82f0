"""The post safety checker's forms: the draft to check, and saving a checked draft to one of
the person's member organizations."""

from __future__ import annotations

from django import forms

from .checking import FULL_LIMIT, IMAGE_LIMIT, SHORT_LIMIT


def _one_newline(value: str) -> str:
    """Browsers send a textarea's line breaks as CRLF; a person counts one character each, and
    the findings' spans count what is shown."""
    return value.replace("\r\n", "\n")


class CheckForm(forms.Form):
    text = forms.CharField(
        label="Your draft",
        strip=False,
        # The counter and any refusal below the field (toolkit/checks/_text_status.html).
        widget=forms.Textarea(
            attrs={"rows": 10, "spellcheck": "true", "aria-describedby": "check-text-status"}
        ),
        error_messages={"required": "Paste or type a draft to check."},
    )
    image_description = forms.CharField(
        label="Image description (optional)",
        required=False,
        strip=False,
        help_text="Describe the photo or video you will post with it, as you would for alt "
        "text: who is in it, what shows (a face, a wristband, a screen, a whiteboard).",
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, limit: int, signed_in: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit = limit
        self.signed_in = signed_in

    def clean_text(self) -> str:
        text = _one_newline(self.cleaned_data["text"])
        if not text.strip():
            raise forms.ValidationError("Paste or type a draft to check.", code="required")
        if len(text) > self.limit:
            raise forms.ValidationError(self.too_long_message(len(text)), code="too_long")
        return text

    def clean_image_description(self) -> str:
        description = _one_newline(self.cleaned_data["image_description"])
        if len(description) > IMAGE_LIMIT:
            raise forms.ValidationError(
                f"An image description can be up to {IMAGE_LIMIT:,} characters; this one has "
                f"{len(description):,}. Shorten it to what the picture shows.",
                code="too_long",
            )
        return description

    def too_long_message(self, length: int | None = None) -> str:
        has = f"; this one has {length:,}" if length is not None else ""
        message = f"The checker takes drafts of up to {self.limit:,} characters{has}."
        if self.limit == SHORT_LIMIT:
            message += f" Members of the center check drafts of up to {FULL_LIMIT:,} characters"
            message += "." if self.signed_in else ": sign in if you are one."
        else:
            message += " Check it in parts."
        return message


class SaveCheckForm(CheckForm):
    """The checked draft (carried in hidden fields) and where to save it."""

    organization = forms.ModelChoiceField(
        queryset=None,
        to_field_name="public_id",
        label="Save to the history of",
        empty_label=None,
        error_messages={"invalid_choice": "Choose one of your member organizations."},
    )

    def __init__(self, *args, organizations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations
        self.fields["text"].widget = forms.HiddenInput()
        self.fields["image_description"].widget = forms.HiddenInput()

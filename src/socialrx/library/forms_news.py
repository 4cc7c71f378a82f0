"""Staff's news post form (the buttons say what happens: publish now, save, unpublish)."""

from __future__ import annotations

from django import forms

from socialrx.core.forms import Form

from .services.news import LIMITS


class NewsPostForm(Form):
    title = forms.CharField(max_length=LIMITS["title"])
    slug = forms.SlugField(
        label="Address",
        max_length=LIMITS["slug"],
        required=False,
        help_text="The end of the post's address, /news/<address>/. Left empty, it is made "
        "from the title. Changing it breaks links already shared.",
    )
    summary = forms.CharField(
        max_length=LIMITS["summary"],
        help_text="One or two sentences, shown in the news list and the monthly digest.",
    )
    body = forms.CharField(
        label="Text",
        max_length=LIMITS["body"],
        widget=forms.Textarea(attrs={"rows": 16}),
        help_text="Markdown: ## for a heading, **bold**, - for a list, [text](https://…) for "
        "a link.",
    )

"""The library's search box and order (the facets are ticked in the same GET form; the page
builds their boxes from the counts). The form only draws the fields: what a person typed is
read by selectors.search_params, which never refuses a search (it cuts, drops and says so)."""

from django import forms

from socialrx.core.forms import Form

from .selectors.search_params import MAX_QUERY_LENGTH, SORTS


class SearchForm(Form):
    q = forms.CharField(
        label="Search the library",
        required=False,
        help_text=f"Words from a title, a summary or the text (up to {MAX_QUERY_LENGTH} "
        "characters). Put a phrase in quotes; a word after a minus sign is left out.",
        widget=forms.TextInput(attrs={"type": "search", "maxlength": MAX_QUERY_LENGTH}),
    )
    # "" lets the library choose: the best matches first for a search, else the newest (a
    # preselected "Newest" would keep every typed search from being ranked).
    sort = forms.ChoiceField(
        label="Order",
        required=False,
        choices=[("", "Best match (newest first without a search)"), *SORTS.items()],
    )

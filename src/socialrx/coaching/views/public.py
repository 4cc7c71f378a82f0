"""The public coaching pages: what one-on-one training, consulting and coaching are, how they
start, who they are for, the listed coaches, and one coach's page. Anyone reads them."""

from __future__ import annotations

from django.shortcuts import render

from socialrx.core.markdown import render as render_markdown

from ..models import EngagementKind
from ..selectors import coaches as selectors

# What each kind of engagement is, in a sentence (EngagementKind's labels name them).
KIND_TEXTS = {
    EngagementKind.TRAINING: (
        "Hands-on sessions that teach your team a skill: setting up a page, planning a month "
        "of posts, answering comments, shooting a short video."
    ),
    EngagementKind.CONSULTING: (
        "Advice on a decision or a document: a social media policy your legal team can "
        "sign, an approval process, a crisis plan, what to measure."
    ),
    EngagementKind.COACHING: (
        "A regular conversation with the same coach while your team does the work, so "
        "progress keeps going between sessions."
    ),
}


def home(request):
    context = {
        "kinds": [(kind.label, KIND_TEXTS[kind]) for kind in EngagementKind],
        "coaches": selectors.listed_coaches(),
        "step": selectors.next_step(request.user),
    }
    return render(request, "coaching/public/home.html", context)


def coach(request, slug):
    profile = selectors.listed_coach(slug)
    context = {"profile": profile, "bio_html": render_markdown(profile.bio)}
    return render(request, "coaching/public/coach.html", context)

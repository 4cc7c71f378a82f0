"""A small library whose search answers are known by hand (used on SQLite and PostgreSQL)."""

from __future__ import annotations

from django.http import QueryDict

from socialrx.library.models import Access, ResourceKind
from socialrx.library.selectors import search
from socialrx.library.selectors.search_params import read_params
from tests.library.factories import make_resource

OTHER_SUMMARY = "Practical steps for a hospital team."
OTHER_BODY = "Plan the month, write the posts, answer the comments."


def find(query_string: str, *, tiers=None):
    """(params, the matching resources' titles in order, facets) for a query string."""
    words = search.vocabulary()
    params = read_params(QueryDict(query_string), words.labels)
    titles = [resource.title for resource in search.search(params, words, tiers=tiers)]
    return params, titles, search.facets(params, words, tiers=tiers)


def counts(facets, name: str) -> dict[str, int]:
    [facet] = [facet for facet in facets if facet.name == name]
    return {option.value: option.count for option in facet.options}


def corpus() -> dict[str, object]:
    """Six published resources, one draft and one withdrawn (days: published days ago):

    playbook  Crisis communication playbook  guide, public, 30 days; crisis-response;
              facebook, x; communications
    storm     Storm season checklist  checklist, member, 5 days; crisis-response, strategy;
              facebook; communications, leadership
    policy    Social media policy template  policy_template, member, 20 days; policy-legal;
              no platform; legal-compliance
    hipaa     HIPAA and photos  guide, premium, 3 days; hipaa-privacy; instagram; physicians
    nurses    Recruiting nurses on LinkedIn  case_study, public, 12 days; recruitment,
              strategy; linkedin; human-resources
    measure   Measuring what matters  video, public, 8 days; measurement-roi;
              youtube, facebook; leadership
    draft     (draft) Crisis drafts; withdrawn: (withdrawn) Old crisis memo
    """
    made = {
        "playbook": make_resource(
            title="Crisis communication playbook",
            summary="Who answers, who approves, what to post in the first hour.",
            body="Keep a holding statement ready.",
            kind=ResourceKind.GUIDE,
            access=Access.PUBLIC,
            topics=("crisis-response",),
            platforms=("facebook", "x"),
            audiences=("communications",),
            published_days_ago=30,
        ),
        "storm": make_resource(
            title="Storm season checklist",
            summary="Before, during and after a hurricane or a blizzard.",
            body="Tell patients which clinics are closed. Post the crisis hotline.",
            kind=ResourceKind.CHECKLIST,
            access=Access.MEMBER,
            topics=("crisis-response", "strategy"),
            platforms=("facebook",),
            audiences=("communications", "leadership"),
            published_days_ago=5,
        ),
        "policy": make_resource(
            title="Social media policy template",
            summary="A policy your legal team can sign, clause by clause.",
            body="Employees speak for themselves. Never post a patient's photograph.",
            kind=ResourceKind.POLICY_TEMPLATE,
            access=Access.MEMBER,
            topics=("policy-legal",),
            platforms=(),
            audiences=("legal-compliance",),
            published_days_ago=20,
        ),
        "hipaa": make_resource(
            title="HIPAA and photos",
            summary="When a photograph of a patient needs written consent.",
            body="A crisis is no excuse: consent first.",
            kind=ResourceKind.GUIDE,
            access=Access.PREMIUM,
            topics=("hipaa-privacy",),
            platforms=("instagram",),
            audiences=("physicians",),
            published_days_ago=3,
        ),
        "nurses": make_resource(
            title="Recruiting nurses on LinkedIn",
            summary="How a health system filled its night shifts.",
            body=OTHER_BODY,
            kind=ResourceKind.CASE_STUDY,
            access=Access.PUBLIC,
            topics=("recruitment", "strategy"),
            platforms=("linkedin",),
            audiences=("human-resources",),
            published_days_ago=12,
        ),
        "measure": make_resource(
            title="Measuring what matters",
            summary=OTHER_SUMMARY,
            body="Reach, engagement, and appointments booked.",
            kind=ResourceKind.VIDEO,
            access=Access.PUBLIC,
            topics=("measurement-roi",),
            platforms=("youtube", "facebook"),
            audiences=("leadership",),
            published_days_ago=8,
        ),
        "draft": make_resource(title="Crisis drafts", status="draft", topics=("crisis-response",)),
        "withdrawn": make_resource(
            title="Old crisis memo", status="withdrawn", topics=("crisis-response",)
        ),
    }
    return made

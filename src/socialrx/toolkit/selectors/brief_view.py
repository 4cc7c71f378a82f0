"""A kept brief as its page and PDF read it: the sections of its figures, the few lines a
board reads first, and whether any figure was generated for the demo. Reads only the brief's
own figures (no query): a brief reads the same whenever it is opened."""

from __future__ import annotations

from functools import cached_property

from django.utils.text import slugify

from ..models import ExecutiveBrief


class BriefView:
    def __init__(self, brief: ExecutiveBrief):
        self.brief = brief
        self.figures = figures = brief.figures
        self.organization = figures["organization"]
        self.drawn_on = figures["drawn_on"]
        self.peers = figures["peers"]
        self.presence = figures["presence"]
        self.experience = figures["experience"]
        self.safeguards = figures["safeguards"]
        self.plan = figures["plan"]

    @property
    def filename(self) -> str:
        name = slugify(self.figures["organization"]["name"])[:60] or "organization"
        return f"SocialRx-executive-brief-{name}-{self.figures['drawn_on']}.pdf"

    @cached_property
    def platform_columns(self) -> list[dict]:
        return self.figures["peers"]["platforms"]

    @cached_property
    def own_platforms(self) -> list[str]:
        """The labels of the platforms the organization's listing is on."""
        labels = []
        for account in self.figures["presence"]["accounts"]:
            if account["label"] not in labels:
                labels.append(account["label"])
        return labels

    @cached_property
    def has_generated(self) -> bool:
        """Whether any figure shown comes from data generated for the demo."""
        presence = self.figures["presence"]
        listing = presence.get("listing") or {}
        return bool(
            self.figures["peers"].get("generated_accounts")
            or self.figures["peers"].get("generated_entities")
            or listing.get("is_generated")
            or any(account["is_generated"] for account in presence["accounts"])
        )

    @cached_property
    def highlights(self) -> list[str]:
        """The brief in four or five sentences, each figure as the sections below give it."""
        lines = [self._peer_line(), self._presence_line()]
        lines.append(self._experience_line())
        lines.append(self._safeguards_line())
        lines.append(self._plan_line())
        return [line for line in lines if line]

    def _peer_line(self) -> str:
        peers = self.figures["peers"]
        group = peers["groups"][0]
        if not group["total"]:
            return ""
        best = max(group["platforms"], key=lambda p: (p["count"], -len(p["key"])), default=None)
        label = {p["key"]: p["label"] for p in peers["platforms"]}
        line = (
            f"{_share(group['percent'])} of the {group['total']:,} {group['phrase']} have at "
            "least one account"
        )
        if best and best["count"]:
            line += f"; the most used platform is {label[best['key']]} ({_share(best['percent'])})"
        return line + "."

    def _presence_line(self) -> str:
        listing = self.figures["presence"]["listing"]
        if listing is None:
            return "The registry holds no listing claimed by the organization."
        whose = (
            "The organization"
            if listing["claimed"]
            else (f"{listing['name']} (its listing, not claimed yet)")
        )
        if not self.own_platforms:
            return f"{whose} has no account listed in the registry."
        return f"{whose} is listed on {_and(self.own_platforms)}."

    def _experience_line(self) -> str:
        experience = self.figures["experience"]
        overall = next(
            (row for row in experience["rows"] if row["label"] == "Overall rating of hospital"),
            None,
        )
        if overall is None or overall["hospital"] is None:
            return self._reference_line()
        line = f"{_share(overall['hospital'])} of its patients rate it 9 or 10 out of 10"
        parts = []
        if overall["state"] is not None:
            parts.append(f"{experience['state_name']} {_share(overall['state'])}")
        if overall["nation"] is not None:
            parts.append(f"the nation {_share(overall['nation'])}")
        return line + (f" ({'; '.join(parts)})." if parts else ".")

    def _reference_line(self) -> str:
        """Without the hospital's own HCAHPS: the state's and the nation's, as the reference."""
        reference = self.figures["experience"].get("reference")
        overall = next(
            (
                row
                for row in (reference or {}).get("rows", ())
                if row["label"] == "Overall rating of hospital"
            ),
            None,
        )
        if overall is None:
            return ""
        parts = []
        if overall["state"] is not None:
            parts.append(f"{_share(overall['state'])} in {reference['state_name']}")
        if overall["nation"] is not None:
            parts.append(f"{_share(overall['nation'])} in the nation")
        return (
            "CMS reports no HCAHPS results for the hospital; patients rating their hospital 9 "
            f"or 10 out of 10: {' and '.join(parts)}."
        )

    def _safeguards_line(self) -> str:
        safeguards = self.figures["safeguards"]
        policy = (
            "a social media policy adopted"
            if safeguards["policy"]["adopted"]
            else ("no social media policy adopted yet")
        )
        checks = safeguards["checker"]["saved_checks"]
        return (
            f"Safeguards: {policy}; {checks:,} draft{'s' if checks != 1 else ''} checked and "
            f"saved with the post safety checker in the last {safeguards['checker']['days']} days."
        )

    def _plan_line(self) -> str:
        plan = self.figures["plan"]
        if not plan["available"]:
            return "No readiness assessment taken yet: its plan and staffing are not included."
        staffing = plan["staffing"]
        return (
            f"Readiness: {plan['maturity']['name'].lower()} ({plan['overall']} of 100); the plan "
            f"needs {staffing['total_hours']} hours a week ({staffing['fte']} full-time people)."
        )


def _share(value) -> str:
    return "—" if value is None else f"{float(value):.1f}%"


def _and(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"

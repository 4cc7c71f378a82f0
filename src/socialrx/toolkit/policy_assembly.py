"""Assembling a policy from the clause templates and an organization's answers, and reading
an assembled version back as text.

`assemble(...)` is pure apart from reading the clause templates: for each section, in the
builder's order, the current version of each active clause whose condition holds for the
answers, in the section's order, its placeholders filled and its Markdown rendered through
core.markdown.render (so nothing in a clause or an answer reaches a page as markup).
`version_text(sections)` is the whole version as plain lines: what two versions are compared
on, and the API's text."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from django.db.models import F

from socialrx.core.markdown import render

from .clause_text import fill, plain_lines
from .models import ClauseTemplateVersion
from .policy_answers import condition_holds, placeholder_values
from .policy_sections import SECTIONS


@dataclass(frozen=True)
class Assembly:
    sections: list[dict]  # PolicyVersion.sections
    clause_versions: list[ClauseTemplateVersion]
    reviewed_from: date | None
    reviewed_to: date | None
    empty_sections: list[str]  # titles of sections no clause applies to


def current_clause_versions() -> list[ClauseTemplateVersion]:
    """The published version of every clause used in new policies (one query)."""
    return list(
        ClauseTemplateVersion.objects.filter(
            template__is_active=True, number=F("template__version")
        ).select_related("template")
    )


def assemble(
    organization_name: str,
    answers: Mapping,
    clause_versions: list[ClauseTemplateVersion] | None = None,
) -> Assembly:
    if clause_versions is None:
        clause_versions = current_clause_versions()
    values = placeholder_values(organization_name, answers)
    by_section: dict[str, list[ClauseTemplateVersion]] = {}
    for version in clause_versions:
        if condition_holds(version.condition, answers):
            by_section.setdefault(version.section, []).append(version)
    sections: list[dict] = []
    used: list[ClauseTemplateVersion] = []
    empty: list[str] = []
    for number, section in enumerate(SECTIONS, start=1):
        chosen = sorted(
            by_section.get(section.slug, []),
            key=lambda v: (v.template.position, v.title, v.template.slug),
        )
        if not chosen:
            empty.append(section.title)
        clauses = []
        for index, version in enumerate(chosen, start=1):
            markdown = fill(version.body, values)
            clauses.append(
                {
                    "key": version.template.slug,
                    "number": f"{number}.{index}",
                    "title": version.title,
                    "template": str(version.template.public_id),
                    "template_version": version.number,
                    "reviewed_on": version.template.reviewed_on.isoformat(),
                    "markdown": markdown,
                    "html": render(markdown),
                }
            )
            used.append(version)
        sections.append(
            {"slug": section.slug, "number": number, "title": section.title, "clauses": clauses}
        )
    reviewed = sorted(v.template.reviewed_on for v in used)
    return Assembly(
        sections=sections,
        clause_versions=used,
        reviewed_from=reviewed[0] if reviewed else None,
        reviewed_to=reviewed[-1] if reviewed else None,
        empty_sections=empty,
    )


def version_text(sections: list[dict]) -> str:
    """The assembled policy as plain text: "1. Section", "1.1 Clause", its lines."""
    lines: list[str] = []
    for section in sections:
        lines += [f"{section['number']}. {section['title']}", ""]
        for clause in section["clauses"]:
            lines += [f"{clause['number']} {clause['title']}", *plain_lines(clause["markdown"]), ""]
    return "\n".join(lines).rstrip() + "\n"


def same_wording(first: list[dict], second: list[dict]) -> bool:
    """Whether two snapshots say the same thing (numbers, titles and filled text)."""
    return version_text(first) == version_text(second)


def clause_keys(sections: list[dict]) -> set[str]:
    return {clause["key"] for section in sections for clause in section["clauses"]}

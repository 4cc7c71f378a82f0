"""A policy version as a Word document (python-docx), for the organization's legal team to
edit in their own tools: the title and the version's facts, a short note on what the document
is, then each section as a numbered heading ("3. Patient privacy and HIPAA"), each clause as
a numbered sub-heading ("3.2 …") followed by its paragraphs and list items, and a footer with
the organization, the version and the page number.

The text comes from the version's snapshot (its filled Markdown read as plain blocks), never
from HTML, so nothing in a clause can add anything but text. Numbered list items carry their
number as text: Word's automatic numbering would run on from one clause to the next."""

from __future__ import annotations

import io
from datetime import datetime

from django.utils import dateformat, timezone
from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .clause_text import BULLET, HEADING, NUMBERED, blocks

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _date(value) -> str:
    if isinstance(value, datetime):
        value = timezone.localtime(value)
    return dateformat.format(value, "F j, Y")


def facts(version) -> list[str]:
    """The lines under the title (shared with the PDF's wording)."""
    lines = [f"Version {version.number}, assembled on {_date(version.created_at)}"]
    if version.adopted_on:
        lines.append(f"Adopted on {_date(version.adopted_on)}")
    else:
        lines.append("Not adopted yet")
    start, end = version.templates_reviewed_from, version.templates_reviewed_to
    if start and end:
        when = _date(start) if start == end else f"between {_date(start)} and {_date(end)}"
        lines.append(f"Based on the center's clause templates reviewed {when}")
    return lines


NOTE = (
    "This policy was assembled with the SocialRx policy builder from clause templates kept by "
    "the center and the organization's own answers. It is a starting point, not legal advice: "
    "have it reviewed by the organization's counsel and privacy officer before it is adopted."
)


def _page_number(paragraph) -> None:
    """A PAGE field: Word fills in the number."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def policy_docx(version) -> bytes:
    document = Document()
    document.core_properties.title = f"{version.policy.title}: {version.organization_name}"
    document.core_properties.author = version.organization_name
    document.core_properties.subject = f"Version {version.number}"
    document.styles["Normal"].font.size = Pt(11)

    document.add_heading(version.policy.title, level=0)
    document.add_paragraph(version.organization_name, style="Subtitle")
    for line in facts(version):
        document.add_paragraph(line)
    document.add_paragraph(NOTE, style="Intense Quote")

    for section in version.sections:
        document.add_heading(f"{section['number']}. {section['title']}", level=1)
        for clause in section["clauses"]:
            document.add_heading(f"{clause['number']} {clause['title']}", level=2)
            for block in blocks(clause["markdown"]):
                if block.kind == BULLET:
                    document.add_paragraph(block.text, style="List Bullet")
                elif block.kind == NUMBERED:
                    document.add_paragraph(f"{block.number}. {block.text}", style="List Continue")
                elif block.kind == HEADING:
                    document.add_heading(block.text, level=3)
                else:
                    document.add_paragraph(block.text)

    footer = document.sections[0].footer.paragraphs[0]
    footer.text = (
        f"{version.organization_name} · {version.policy.title} · version {version.number} · page "
    )
    _page_number(footer)

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()

"""The policy builder over the API, mounted under /api/v1/toolkit/policies: the policies of my
organizations, and a policy version exported as JSON (sections, clauses and their text) or
downloaded as DOCX or PDF.

Everyone of the organization reads its policy (`toolkit.view_policy`); a policy of another
organization is a 404, the same answer as one that does not exist. Authenticate with a
personal API token (`Authorization: Bearer srx_…`) or a browser session. The same selectors
and exports as the pages."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from django.http import HttpResponse
from django.urls import reverse
from ninja import Field, Router, Schema

from socialrx.core.api_errors import documented

from .clause_text import plain_lines
from .docx import DOCX_TYPE, policy_docx
from .policy_assembly import version_text
from .policy_exports import download_name, pdf_bytes
from .selectors.policies import policies_of_person, policy_for, version_of

router = Router()

REASONS = {
    404: "No such policy or version, or a policy of an organization you are not in (the same "
    "answer)."
}


class VersionSummaryOut(Schema):
    number: int
    created_at: datetime
    adopted_on: date | None = Field(description="When the organization adopted it, if it did.")
    change_note: str
    url: str = Field(description="This version over the API.")
    page_url: str = Field(description="This version's page on the site.")


class PolicyOut(Schema):
    id: UUID
    title: str
    organization: str
    organization_id: UUID
    versions: list[VersionSummaryOut] = Field(description="Newest first.")


class ClauseOut(Schema):
    number: str = Field(description="Section and clause, e.g. `3.2`.")
    key: str = Field(description="The clause template's stable name.")
    title: str
    template_version: int = Field(description="The clause template's version used.")
    template_reviewed_on: date = Field(description="When the center last reviewed the template.")
    markdown: str = Field(description="The clause with the organization's answers filled in.")
    html: str = Field(description="The Markdown rendered and sanitised.")
    text: str = Field(description="Plain text, one paragraph or list item a line.")


class SectionOut(Schema):
    number: int
    slug: str
    title: str
    clauses: list[ClauseOut]


class PolicyVersionOut(Schema):
    policy_id: UUID
    title: str
    organization: str
    number: int
    created_at: datetime
    adopted_on: date | None
    change_note: str
    templates_reviewed_from: date | None = Field(description="Oldest review of a clause used.")
    templates_reviewed_to: date | None = Field(description="Newest review of a clause used.")
    sections: list[SectionOut]
    text: str = Field(description="The whole policy as plain text.")
    docx_url: str = Field(description="Download as a Word document (this API).")
    pdf_url: str = Field(description="Download as PDF (this API).")
    page_url: str


def _version_url(policy, number: int, suffix: str = "") -> str:
    base = reverse("api:toolkit_policy_version", args=[policy.public_id, number])
    return f"{base}{suffix}"


def _summary(policy, version) -> dict:
    return {
        "number": version.number,
        "created_at": version.created_at,
        "adopted_on": version.adopted_on,
        "change_note": version.change_note,
        "url": _version_url(policy, version.number),
        "page_url": reverse("toolkit:policy_version", args=[policy.public_id, version.number]),
    }


@router.get(
    "",
    **documented(list[PolicyOut], 401, 403),
    summary="The policies of my organizations, each with its versions",
)
def list_policies(request):
    return [
        {
            "id": row.policy.public_id,
            "title": row.policy.title,
            "organization": row.organization.name,
            "organization_id": row.organization.public_id,
            "versions": [_summary(row.policy, version) for version in row.versions],
        }
        for row in policies_of_person(request.user)
        if row.policy is not None
    ]


def _clause(clause: dict) -> dict:
    return {
        "number": clause["number"],
        "key": clause["key"],
        "title": clause["title"],
        "template_version": clause["template_version"],
        "template_reviewed_on": clause["reviewed_on"],
        "markdown": clause["markdown"],
        "html": clause["html"],
        "text": "\n".join(plain_lines(clause["markdown"])),
    }


@router.get(
    "/{policy_id}/versions/{number}",
    url_name="toolkit_policy_version",
    **documented(PolicyVersionOut, 401, 403, 404, 422, reasons=REASONS),
    summary="Export a policy version: its sections, clauses and text",
)
def get_version(request, policy_id: UUID, number: int):
    policy = policy_for(request.user, policy_id)
    version = version_of(policy, number)
    return {
        "policy_id": policy.public_id,
        "title": policy.title,
        "organization": version.organization_name,
        "number": version.number,
        "created_at": version.created_at,
        "adopted_on": version.adopted_on,
        "change_note": version.change_note,
        "templates_reviewed_from": version.templates_reviewed_from,
        "templates_reviewed_to": version.templates_reviewed_to,
        "sections": [
            {
                "number": section["number"],
                "slug": section["slug"],
                "title": section["title"],
                "clauses": [_clause(clause) for clause in section["clauses"]],
            }
            for section in version.sections
        ],
        "text": version_text(version.sections),
        "docx_url": _version_url(policy, number, "/docx"),
        "pdf_url": _version_url(policy, number, "/pdf"),
        "page_url": reverse("toolkit:policy_version", args=[policy.public_id, number]),
    }


def _file_doc(content_type: str) -> dict:
    """An operation answering a file: its 200 is that type, its errors the shared body."""
    doc = documented(None, 401, 403, 404, 422, reasons=REASONS)
    responses = {key: value for key, value in doc["response"].items() if key != 200}
    extra = doc["openapi_extra"]["responses"]
    extra[200] = {
        "description": "The file, as an attachment.",
        "content": {content_type: {"schema": {"type": "string", "format": "binary"}}},
    }
    return {"response": responses, "openapi_extra": doc["openapi_extra"]}


def _attachment(content: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@router.get(
    "/{policy_id}/versions/{number}/docx",
    **_file_doc(DOCX_TYPE),
    summary="Download a policy version as a Word document",
)
def get_version_docx(request, policy_id: UUID, number: int):
    version = version_of(policy_for(request.user, policy_id), number)
    return _attachment(policy_docx(version), DOCX_TYPE, download_name(version, "docx"))


@router.get(
    "/{policy_id}/versions/{number}/pdf",
    **_file_doc("application/pdf"),
    summary="Download a policy version as PDF",
)
def get_version_pdf(request, policy_id: UUID, number: int):
    version = version_of(policy_for(request.user, policy_id), number)
    return _attachment(pdf_bytes(version), "application/pdf", download_name(version, "pdf"))

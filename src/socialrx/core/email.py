"""Transactional email: every message has a text and an HTML part and is sent by a task
queued after the surrounding transaction commits."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.template.loader import render_to_string


def queue_templated_email(*, to: list[str], template: str, context: dict[str, Any]) -> None:
    """Render `<template>_subject.txt`, `.txt` and `.html` now, send after commit.

    Rendering happens inside the transaction so the task receives plain strings and needs no
    database rows that might change before it runs."""
    from .tasks import send_email

    subject = render_to_string(f"{template}_subject.txt", context).strip()
    text_body = render_to_string(f"{template}.txt", context)
    html_body = render_to_string(f"{template}.html", context)
    transaction.on_commit(
        lambda: send_email.delay(to=to, subject=subject, text_body=text_body, html_body=html_body)
    )

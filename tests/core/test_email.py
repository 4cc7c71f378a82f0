"""Transactional email: text and HTML parts, sent only once the data it speaks of is committed."""

import pytest
from django.db import transaction

from socialrx.core.email import queue_templated_email
from tests.factories import InvitationFactory

pytestmark = [pytest.mark.integration, pytest.mark.django_db]


def queue_invitation_email(invitation):
    queue_templated_email(
        to=[invitation.email],
        template="organizations/email/invitation",
        context={
            "invitation": invitation,
            "organization": invitation.organization,
            "inviter": None,
            "accept_url": "https://socialrx.example/accept/",
            "expires_at": invitation.expires_at,
        },
    )


def test_an_email_leaves_after_commit_with_a_text_and_an_html_part(
    db, mailoutbox, django_capture_on_commit_callbacks, settings
):
    invitation = InvitationFactory(organization__name="Mercy General Hospital")

    with django_capture_on_commit_callbacks(execute=True):
        queue_invitation_email(invitation)
        assert mailoutbox == []

    [message] = mailoutbox
    assert (message.to, message.from_email, message.subject) == (
        [invitation.email],
        settings.DEFAULT_FROM_EMAIL,
        "You are invited to join Mercy General Hospital on SocialRx",
    )
    assert "https://socialrx.example/accept/" in message.body.splitlines()
    [(html, mime_type)] = message.alternatives
    assert mime_type == "text/html"
    assert html.startswith("<!DOCTYPE html>")


def test_an_email_queued_in_a_transaction_that_fails_is_never_sent(
    db, mailoutbox, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory()

    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        queue_invitation_email(invitation)
        raise RuntimeError("the use case failed after queueing its email")

    assert mailoutbox == []

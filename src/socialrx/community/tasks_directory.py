"""The directory's one task: a message a member sent another through the directory (imported
by `tasks`, where Celery looks for tasks).

The strings are rendered by the service inside its transaction. The sender is not told of a
failed delivery through the failure notice (`triggered_by_id` stays empty): that page lists
the recipients' addresses, which the sender must never see; staff still see the failure."""

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives

from socialrx.core.tasks import MAX_RETRIES, deliver

TEMPLATE = "community/email/directory_message"


@shared_task(bind=True, max_retries=MAX_RETRIES)
def send_directory_message(
    self, *, to: list[str], reply_to: list[str], subject: str, text_body: str, html_body: str
) -> None:
    message = EmailMultiAlternatives(
        subject=subject,
        body=text_body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
        reply_to=reply_to,
    )
    message.attach_alternative(html_body, "text/html")
    deliver(self, message, template=TEMPLATE, triggered_by_id=None)

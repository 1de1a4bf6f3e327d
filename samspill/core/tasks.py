"""Background tasks run by `manage.py db_worker` (django-tasks-db)."""

from django.core.mail import EmailMultiAlternatives
from django.tasks import task


@task
def send_email(*, subject, body, to, html_body=None, from_email=None):
    """Send one e-mail from the worker, so a slow mail server never slows a page."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, from_email=from_email)
    if html_body:
        message.attach_alternative(html_body, "text/html")
    message.send()
    return len(to)

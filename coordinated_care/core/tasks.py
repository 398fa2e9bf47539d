"""Background work shared by every app. Tasks take only JSON-friendly arguments (ids, strings)
because with the Redis backend they cross a process boundary."""

from django.core.mail import send_mail
from django_tasks import task


@task()
def send_email(*, to, subject, body):
    """E-mail goes out from the queue so that a slow mail server never holds up a page."""
    send_mail(subject=subject, message=body, from_email=None, recipient_list=list(to), fail_silently=False)
    return len(to)

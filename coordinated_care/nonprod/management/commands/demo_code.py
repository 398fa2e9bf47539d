import time

from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.core.management.base import BaseCommand

from coordinated_care.nonprod.demo import DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = (
        "Print the demo staff's authenticator code for now (their roles need a second factor at sign-in): "
        "what an authenticator app holding the demo's published secret would show."
    )

    def handle(self, *args, **options):
        # A code lasts 30 seconds, as in an authenticator app (allauth's default period).
        self.stdout.write(format_hotp_value(hotp_value(DEMO_TOTP_SECRET, int(time.time()) // 30)))

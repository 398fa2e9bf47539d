"""Django's `flush`, able to empty the audit table.

`flush` erases every table: the test runner calls it after each transactional test, and an
operator calls it to wipe a development database. The append-only triggers refuse the DELETE
(SQLite) or TRUNCATE (PostgreSQL) it sends, so they are lifted for the flush and put back in the
same transaction. Nothing else can empty the table. This command replaces Django's own because
this app's commands take precedence over django.core's.
"""

import time

from django.core.management.commands import flush
from django.db import OperationalError, connections, transaction

from coordinated_care.audit import triggers

# SQLite refuses to drop a trigger while another connection is mid-write ("database table is
# locked"): in the browser tests the live server may still be finishing a page's last request
# (an autosaved draft) when the test runner flushes. Waiting a moment is enough.
LOCKED_RETRIES = 20
LOCKED_WAIT_SECONDS = 0.25


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if triggers.TABLE not in connection.introspection.table_names():
            return super().handle(**options)
        for attempt in range(LOCKED_RETRIES):
            try:
                with transaction.atomic(using=connection.alias), triggers.lifted(connection):
                    return super().handle(**options)
            except OperationalError as error:
                if "locked" not in str(error) or attempt == LOCKED_RETRIES - 1:
                    raise
                time.sleep(LOCKED_WAIT_SECONDS)

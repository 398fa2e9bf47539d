"""Django's `flush`, able to empty the audit table.

`flush` erases every table: the test runner calls it after each transactional test, and an
operator calls it to wipe a development database. The append-only triggers refuse the DELETE
(SQLite) or TRUNCATE (PostgreSQL) it sends, so they are lifted for the flush and put back in the
same transaction. Nothing else can empty the table. This command replaces Django's own because
this app's commands take precedence over django.core's.
"""

from django.core.management.commands import flush
from django.db import connections, transaction

from coordinated_care.audit import triggers


class Command(flush.Command):
    def handle(self, **options):
        connection = connections[options["database"]]
        if triggers.TABLE not in connection.introspection.table_names():
            return super().handle(**options)
        with transaction.atomic(using=connection.alias), triggers.lifted(connection):
            return super().handle(**options)

"""The database table of the "shared" cache (settings.CACHES), where wrong join codes are
counted once for all server processes. Made here so that `migrate` is the only set-up
step, on a new machine, in the tests and in production."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Every database cache's table (settings.CACHES); one already there is skipped.
    # (Positional arguments would be table names, not cache names.)
    call_command("createcachetable", database=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("seminars", "0001_initial")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]

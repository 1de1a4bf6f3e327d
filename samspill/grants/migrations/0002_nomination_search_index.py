"""A full-text index for the search page's nominations (issue 11): on PostgreSQL the
search matches this expression (samspill.search.engine: the surname weighted A, the
other fields B), which without an index is computed for every nomination of every call
on each search. SQLite searches with LIKE and gets no index."""

from django.db import migrations

INDEX = "grants_nomination_search"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON grants_nomination USING gin (("
    "setweight(to_tsvector('norwegian'::regconfig, COALESCE(last_name, '')), 'A') || "
    "setweight(to_tsvector('norwegian'::regconfig, COALESCE(first_name, '') || ' ' || "
    "COALESCE(motivation, '') || ' ' || COALESCE(dream, '')), 'B')))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("grants", "0001_initial")]

    operations = [migrations.RunPython(create, drop, elidable=False)]

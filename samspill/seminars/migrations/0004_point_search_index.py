"""A full-text index for the search page's points (issue 11): on PostgreSQL the search
matches `setweight(to_tsvector('norwegian', text), 'A')` (samspill.search.engine), which
without an index is computed for every point of every seminar on each search. SQLite
searches with LIKE and gets no index."""

from django.db import migrations

INDEX = "seminars_point_search"
CREATE = (
    f"CREATE INDEX IF NOT EXISTS {INDEX} ON seminars_point USING gin "
    "((setweight(to_tsvector('norwegian'::regconfig, COALESCE(text, '')), 'A')))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("seminars", "0003_topics")]

    operations = [migrations.RunPython(create, drop, elidable=False)]

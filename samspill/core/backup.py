"""Backup and restore of everything Samspill keeps: the database and the uploaded files.

A backup is one `.tar.gz` archive:

- `manifest.json`: format, time, database engine, and every table's row count, so that a
  restore can prove it brought back what was saved;
- `database.sqlite3` (SQLite's online backup API: consistent while the server and the
  worker keep writing) or `database.dump` (`pg_dump --format=custom`);
- `media/`: the uploaded files (signed contracts and the like).

A restore replaces the database and the uploaded files with the archive's, on the same
engine. PostgreSQL restores in one transaction (`pg_restore --single-transaction`), so a
failed restore leaves the database as it was; the files are swapped in only after the
database is back and its row counts match the manifest.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
SQLITE_FILE = "database.sqlite3"
POSTGRES_FILE = "database.dump"


class BackupError(Exception):
    """A backup or restore that cannot be done; the message is for the operator."""


@dataclass
class Restored:
    tables: int
    rows: int
    media_files: int
    created_at: str


def engine():
    vendor = connection.vendor
    if vendor not in ("sqlite", "postgresql"):
        raise BackupError(f"Databasen {vendor} støttes ikke (bare SQLite og PostgreSQL).")
    return vendor


def table_counts():
    """`{table: rows}` for every table in the database (Django's own included)."""
    with connection.cursor() as cursor:
        tables = sorted(connection.introspection.table_names(cursor))
        counts = {}
        for table in tables:
            # Table names come from the database itself, quoted.
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            counts[table] = cursor.fetchone()[0]
    return counts


def default_path():
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    return Path(settings.BACKUP_DIR) / f"samspill-{stamp}.tar.gz"


def backup(path=None):
    """Write a backup archive to `path` (default: `BACKUP_DIR`) and return its path."""
    path = Path(path) if path else default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    vendor = engine()
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(dir=path.parent) as work:
        work = Path(work)
        if vendor == "sqlite":
            database_file = work / SQLITE_FILE
            _sqlite_backup(database_file)
        else:
            database_file = work / POSTGRES_FILE
            _pg_dump(database_file)
        counts = table_counts()
        media_files = sorted(p for p in media_root.rglob("*") if p.is_file())
        manifest = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "engine": vendor,
            "database": database_file.name,
            "tables": counts,
            "media_files": len(media_files),
        }
        (work / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False))
        # Written next to the target and renamed at the end: a backup that fails half-way
        # (a full disk, say) never leaves a half archive under the final name.
        partial = path.with_name(path.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(work / MANIFEST, arcname=MANIFEST)
                archive.add(database_file, arcname=database_file.name)
                for file in media_files:
                    archive.add(file, arcname=f"{MEDIA}/{file.relative_to(media_root)}")
            partial.replace(path)
        except OSError as error:
            partial.unlink(missing_ok=True)
            raise BackupError(f"Sikkerhetskopien kunne ikke skrives til {path}: {error}") from error
    return path


def read_manifest(path):
    try:
        with tarfile.open(path, "r:gz") as archive:
            member = archive.extractfile(MANIFEST)
            manifest = json.load(member)
    except (OSError, KeyError, tarfile.TarError, json.JSONDecodeError, AttributeError) as error:
        raise BackupError(f"{path} er ikke en sikkerhetskopi fra Samspill ({error}).") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Ukjent format på sikkerhetskopien: {manifest.get('format')}.")
    return manifest


def restore(path):
    """Replace the database and the uploaded files with those in the archive at `path`."""
    path = Path(path)
    manifest = read_manifest(path)
    vendor = engine()
    if manifest["engine"] != vendor:
        raise BackupError(
            f"Sikkerhetskopien er tatt fra {manifest['engine']}, men Samspill bruker nå "
            f"{vendor}. Gjenopprett på samme type database."
        )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent) as work:
        work = Path(work)
        with tarfile.open(path, "r:gz") as archive:
            # The "data" filter refuses absolute paths, links out of the folder and the like.
            archive.extractall(work, filter="data")
        database_file = work / manifest["database"]
        if not database_file.is_file():
            raise BackupError(f"Sikkerhetskopien mangler databasefilen {database_file.name}.")
        if vendor == "sqlite":
            _sqlite_restore(database_file)
        else:
            _pg_restore(database_file)
        counts = table_counts()
        wrong = {
            table: (rows, counts.get(table))
            for table, rows in manifest["tables"].items()
            if counts.get(table) != rows
        }
        if wrong:
            details = ", ".join(
                f"{t}: {want} ventet, {got} funnet" for t, (want, got) in wrong.items()
            )
            raise BackupError(
                f"Databasen stemmer ikke med sikkerhetskopien etter gjenoppretting: {details}."
            )
        _swap_media(work / MEDIA, media_root)
    return Restored(
        tables=len(counts),
        rows=sum(counts.values()),
        media_files=manifest["media_files"],
        created_at=manifest["created_at"],
    )


def _swap_media(restored, media_root):
    """Put the archive's files in place of the current ones; the current ones are moved
    aside first and removed only when the new ones are in place."""
    restored.mkdir(exist_ok=True)
    aside = None
    if media_root.exists():
        aside = media_root.with_name(f"{media_root.name}.før-gjenoppretting")
        shutil.rmtree(aside, ignore_errors=True)
        media_root.rename(aside)
    shutil.move(str(restored), str(media_root))
    if aside is not None:
        shutil.rmtree(aside, ignore_errors=True)


# --- SQLite ---------------------------------------------------------------------------


def _sqlite_backup(target):
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
    finally:
        destination.close()


def _sqlite_restore(source_file):
    # Into the open connection, so that the same works for a database file (with its WAL)
    # and for the in-memory database of the tests.
    connection.ensure_connection()
    source = sqlite3.connect(source_file)
    try:
        source.backup(connection.connection)
    except sqlite3.Error as error:
        raise BackupError(f"SQLite-databasen kunne ikke gjenopprettes: {error}") from error
    finally:
        source.close()


# --- PostgreSQL -----------------------------------------------------------------------


def _pg_tool(name):
    found = shutil.which(name) or f"/usr/lib/postgresql/15/bin/{name}"
    if not os.path.exists(found):
        raise BackupError(f"Fant ikke {name}. Installer PostgreSQL-klienten (postgresql-client).")
    return found


def _pg_environment():
    """libpq's environment for the current database, so that no password is on a
    command line."""
    settings_dict = connection.settings_dict
    env = dict(os.environ)
    for key, name in [
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ]:
        value = settings_dict.get(name)
        if value:
            env[key] = str(value)
    return env


def _run(command, what):
    try:
        # A fixed command line; the only variable parts are our own paths and settings.
        subprocess.run(command, env=_pg_environment(), check=True, capture_output=True, text=True)  # noqa: S603
    except subprocess.CalledProcessError as error:
        raise BackupError(f"{what} feilet: {error.stderr.strip() or error}") from error


def _pg_dump(target):
    _run(
        [
            _pg_tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={target}",
        ],
        "pg_dump",
    )


def _pg_restore(source_file):
    connection.close()  # nothing of ours holds a lock on the tables being replaced
    _run(
        [
            _pg_tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source_file),
        ],
        "pg_restore",
    )

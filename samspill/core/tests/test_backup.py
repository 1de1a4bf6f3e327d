"""`manage.py backup` and `restore`: a round trip brings back every row of every table and
every uploaded file; a broken or foreign archive changes nothing and says why."""

import hashlib
import io
import json
import tarfile
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from samspill.accounts.models import User
from samspill.core import backup
from samspill.members.models import Municipality

pytestmark = pytest.mark.django_db(transaction=True)


def snapshot():
    """`{table: (rows, digest of every value)}` for every table in the database."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names(cursor)):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
            rows = sorted(repr(row) for row in cursor.fetchall())
            result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return result


def files(root):
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(Path(root).rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BACKUP_DIR = tmp_path / "backup"
    contract = settings.MEDIA_ROOT / "kontrakter" / "sogndal" / "signert kontrakt æøå.pdf"
    contract.parent.mkdir(parents=True)
    contract.write_bytes(b"%PDF-1.4 signert")
    return settings.MEDIA_ROOT


def test_round_trip_restores_every_table_and_every_uploaded_file(personas, media, tmp_path):
    before = snapshot()
    uploaded = files(media)
    archive = tmp_path / "kopi.tar.gz"
    out = io.StringIO()
    call_command("backup", "--output", str(archive), stdout=out)
    assert f"Sikkerhetskopi skrevet: {archive}" in out.getvalue()
    assert not archive.with_name("kopi.tar.gz.partial").exists()

    # Everything that can go wrong after a backup: rows deleted, changed and added,
    # files lost and files added.
    personas.coordinator_a.delete()
    Municipality.objects.filter(name="Sogndal").update(name="Feil navn")
    User.objects.create_user(email="ny@samspill.test", password="x" * 12, role="adviser")
    (media / "kontrakter" / "sogndal" / "signert kontrakt æøå.pdf").unlink()
    (media / "ny.pdf").write_bytes(b"%PDF ny")
    assert snapshot() != before

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert snapshot() == before
    assert files(media) == uploaded
    assert "1 opplastede filer" in out.getvalue()
    assert User.objects.filter(email=personas.coordinator_a.email).exists()


def test_backup_without_a_path_goes_to_the_backup_folder(personas, media, settings):
    out = io.StringIO()
    call_command("backup", stdout=out)
    written = list(Path(settings.BACKUP_DIR).glob("samspill-*.tar.gz"))
    assert len(written) == 1
    manifest = backup.read_manifest(written[0])
    assert manifest["engine"] == connection.vendor
    assert manifest["tables"]["accounts_user"] == User.objects.count()
    assert manifest["media_files"] == 1


def _rewrite(archive, target, *, manifest=None, database=None):
    """A copy of `archive` with the manifest or the database file replaced."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read() if member.isfile() else None
            if member.name == backup.MANIFEST and manifest is not None:
                data = json.dumps(manifest(json.loads(data))).encode()
            if member.name in (backup.SQLITE_FILE, backup.POSTGRES_FILE) and database:
                data = database
            member.size = len(data) if data is not None else 0
            copy.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def test_a_damaged_database_file_changes_nothing(personas, media, tmp_path):
    archive = backup.backup(tmp_path / "kopi.tar.gz")
    broken = _rewrite(archive, tmp_path / "ødelagt.tar.gz", database=b"dette er ikke en database")
    Municipality.objects.filter(name="Sogndal").update(name="Endret etter kopien")
    before, uploaded = snapshot(), files(media)
    with pytest.raises(CommandError, match=r"kunne ikke gjenopprettes|pg_restore feilet"):
        call_command("restore", str(broken), "--yes")
    assert snapshot() == before
    assert files(media) == uploaded


def test_an_archive_from_another_database_engine_is_refused(personas, media, tmp_path):
    archive = backup.backup(tmp_path / "kopi.tar.gz")
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    foreign = _rewrite(
        archive, tmp_path / "annen.tar.gz", manifest=lambda m: {**m, "engine": other}
    )
    before = snapshot()
    with pytest.raises(CommandError, match=f"tatt fra {other}"):
        call_command("restore", str(foreign), "--yes")
    assert snapshot() == before


def test_a_file_that_is_not_a_backup_is_refused(db, tmp_path):
    not_a_backup = tmp_path / "notater.tar.gz"
    not_a_backup.write_text("hei")
    with pytest.raises(CommandError, match="er ikke en sikkerhetskopi fra Samspill"):
        call_command("restore", str(not_a_backup), "--yes")


def test_restore_asks_before_it_replaces_anything(personas, media, tmp_path, monkeypatch):
    archive = backup.backup(tmp_path / "kopi.tar.gz")
    Municipality.objects.filter(name="Sogndal").update(name="Endret etter kopien")
    monkeypatch.setattr("builtins.input", lambda prompt: "nei")
    with pytest.raises(CommandError, match=r"Avbrutt\. Ingenting er endret\."):
        call_command("restore", str(archive))
    assert Municipality.objects.filter(name="Endret etter kopien").exists()

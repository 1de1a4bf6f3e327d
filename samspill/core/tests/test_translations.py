"""The interface is bokmål first, with nynorsk and English catalogues kept complete."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale"
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]")


def _catalogue(language):
    return polib.pofile(str(LOCALE / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", ["nn", "en"])
def test_catalogue_is_complete_with_the_same_placeholders(language):
    problems = []
    for entry in _catalogue(language):
        if entry.obsolete:
            continue
        sources = [entry.msgid] + ([entry.msgid_plural] if entry.msgid_plural else [])
        wanted = set(PLACEHOLDER.findall(" ".join(sources)))
        translations = list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if not text.strip() or "fuzzy" in entry.flags:
                problems.append(f"untranslated: {entry.msgid!r}")
            elif set(PLACEHOLDER.findall(text)) != wanted:
                problems.append(f"placeholders differ: {entry.msgid!r} -> {text!r}")
    assert problems == []


def test_catalogues_are_up_to_date_with_the_source(tmp_path):
    """Every translatable string in the code is in the catalogues (run `make makemessages`)."""
    base = Path(settings.BASE_DIR)
    for name in ["config", "samspill", "templates", "locale", "manage.py"]:
        source = base / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--locale", "nb", "--no-obsolete"],
        cwd=tmp_path,
        check=True,
        capture_output=True,
    )
    fresh = {e.msgid for e in polib.pofile(str(tmp_path / "locale/nb/LC_MESSAGES/django.po"))}
    for language in ["nb", "nn", "en"]:
        committed = {e.msgid for e in _catalogue(language) if not e.obsolete}
        missing = sorted(fresh - committed)
        assert missing == [], f"{language} catalogue lacks: {missing[:10]}"


@pytest.mark.django_db
def test_interface_is_bokmal_even_when_the_browser_asks_for_english(client, personas):
    client.force_login(personas.adviser)
    response = client.get(reverse("core:home"), headers={"accept-language": "en-US,en"})
    assert response.headers["Content-Language"] == "nb"
    assert "Mine oppgaver" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "text"), [("nn", "Mine oppgåver"), ("en", "My tasks"), ("nb", "Mine oppgaver")]
)
def test_language_switcher_changes_the_interface(client, personas, language, text):
    client.force_login(personas.adviser)
    response = client.post(
        reverse("set_language"), {"language": language, "next": reverse("core:home")}
    )
    assert response.status_code == 302
    page = client.get(reverse("core:home"))
    assert page.headers["Content-Language"] == language
    assert text in page.content.decode()

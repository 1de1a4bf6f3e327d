import pytest

from .builders import make_call, make_stipend_scheme


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def members(personas):
    for municipality in (personas.municipality_a, personas.municipality_b):
        municipality.is_member = True
        municipality.save(update_fields=["is_member"])
    return personas


@pytest.fixture
def scheme(db):
    return make_stipend_scheme()


@pytest.fixture
def call(scheme):
    return make_call(scheme)

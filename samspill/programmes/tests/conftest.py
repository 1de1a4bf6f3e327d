import pytest

from .builders import make_participation, make_programme


@pytest.fixture
def programme(db):
    return make_programme()


@pytest.fixture
def participation_a(programme, personas):
    """Municipality A (Sogndal) accepted into the programme, with the adviser assigned."""
    return make_participation(
        programme, personas.municipality_a, actor=personas.adviser, adviser=personas.adviser
    )


@pytest.fixture
def participation_b(programme, personas):
    return make_participation(
        programme, personas.municipality_b, actor=personas.adviser, adviser=personas.adviser
    )

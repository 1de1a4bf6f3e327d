"""Norwegian formats: dates as dd.mm.åååå, as people write them in NKR's documents."""

from django.conf.locale.nn.formats import *  # noqa: F403

DATE_FORMAT = "d.m.Y"
DATETIME_FORMAT = "d.m.Y H:i"
SHORT_DATETIME_FORMAT = "d.m.Y H:i"

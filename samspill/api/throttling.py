"""Rate limits, counted in the shared cache so that every server process counts once."""

from django.conf import settings
from django.core.cache import caches
from rest_framework.throttling import ScopedRateThrottle, UserRateThrottle


class _SharedCache:
    @property
    def cache(self):
        return caches["shared"]

    def get_rate(self):
        return settings.API_THROTTLE_RATES.get(self.scope)


class ApiUserRateThrottle(_SharedCache, UserRateThrottle):
    scope = "user"


class ApiWriteRateThrottle(_SharedCache, ScopedRateThrottle):
    """Imports and seminar answers: fewer per hour than reads."""

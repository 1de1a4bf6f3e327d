"""The client's address, as rate limits and the audit trail need it."""

from django.conf import settings


def client_address(request):
    """The client's IP address. Behind `TRUSTED_PROXY_COUNT` reverse proxies it is
    read from X-Forwarded-For, counted from the right (the proxies' own entries)."""
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")

"""Writes for API tokens: make one (the key is returned once) and revoke one."""

import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ApiToken, hash_key

#: A user keeps at most this many active keys.
MAX_ACTIVE_TOKENS = 10
KEY_PREFIX = "ssp_"


@transaction.atomic
def api_token_create(*, user, name) -> tuple[ApiToken, str]:
    name = (name or "").strip()
    if not name:
        raise ValidationError(_("Gi nøkkelen et navn, f.eks. systemet som skal bruke den."))
    if ApiToken.objects.active().filter(user=user).count() >= MAX_ACTIVE_TOKENS:
        raise ValidationError(
            _("Du har allerede %(count)s aktive nøkler. Trekk tilbake en du ikke bruker.")
            % {"count": MAX_ACTIVE_TOKENS}
        )
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(user=user, name=name[:100], prefix=key[:12], key_hash=hash_key(key))
    token.full_clean()
    token.save()
    return token, key


@transaction.atomic
def api_token_revoke(*, token) -> ApiToken:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token

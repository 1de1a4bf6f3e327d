"""The HTML pages of the API: the interactive docs and the management of API keys (on
the profile page, see templatetags/api_tokens.py)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .models import ApiToken


def docs(request):
    """Swagger UI from our own static files, started by our own script (no inline JS)."""
    return render(request, "api/docs.html")


def tokens(request):
    """Make a key (POST) or list the user's keys. The new key is shown once."""
    if request.method == "POST":
        try:
            token, key = services.api_token_create(
                user=request.user, name=request.POST.get("name", "")
            )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("api:tokens")
        return render(
            request,
            "api/tokens.html",
            {"tokens": request.user.api_tokens.all(), "new_token": token, "new_key": key},
        )
    return render(request, "api/tokens.html", {"tokens": request.user.api_tokens.all()})


@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(token=token)
    messages.success(request, _("Nøkkelen «%(name)s» er trukket tilbake.") % {"name": token.name})
    return redirect("api:tokens")

import sys

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import (
    HttpResponse,
    HttpResponseRedirect,
    HttpResponseServerError,
    JsonResponse,
)
from django.shortcuts import get_object_or_404, redirect, render
from django.template import loader
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from samspill.members import selectors as member_selectors
from samspill.programmes import selectors as programme_selectors
from samspill.workflow import selectors as workflow_selectors

from . import mail
from .permissions import can_see_failed_emails, require
from .storage import is_disk_full


def home(request):
    """The start page: what this person works with, by role."""
    context = member_selectors.start_page_for(request.user)
    context["programme_participations"] = programme_selectors.start_page_participations(
        request.user
    )
    # Deadlines, events, changes and the status overview across the areas (issue 10).
    # "Vis alle" (?frister=alle) lists every deadline, not only the first of each group.
    shown = None if request.GET.get("frister") == "alle" else workflow_selectors.DUE_SHOWN
    context.update(workflow_selectors.start_page(request.user, context["today"], shown=shown))
    if can_see_failed_emails(request.user):
        context["failed_email_count"] = mail.failed_email_count()
    return render(request, "core/home.html", context)


@login_not_required
@never_cache
@require_GET
def healthz(request):
    """200 when the database answers, 503 otherwise. For load balancers and monitoring."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})


def admin_login_redirect(request, extra_context=None):
    """Send the admin's login to Samspill's own login page.

    Someone already signed in without admin rights gets the 403 page; sending them to
    the login page would bounce them straight back here.
    """
    if request.user.is_authenticated:
        raise PermissionDenied
    query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
    return HttpResponseRedirect(f"{reverse('accounts:login')}?{query}")


@login_not_required
def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


@login_not_required
def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


#: Seconds a browser or proxy is asked to wait before trying again when the database is down.
RETRY_AFTER = 30


@login_not_required
def server_error(request):
    """500, or 503 when the database cannot be reached (PostgreSQL restarting, say): the
    page says that nothing is lost and that it comes back by itself. Persistent
    connections are health-checked (CONN_HEALTH_CHECKS), so the first request after the
    database is back succeeds."""
    # A bare render without context processors: they may be what failed.
    if isinstance(sys.exception(), OperationalError | InterfaceError):
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(RETRY_AFTER)
        return response
    if is_disk_full(sys.exception()):
        # 507 Insufficient Storage: the upload or save did not happen; say so plainly.
        return HttpResponse(loader.get_template("507.html").render(), status=507)
    return HttpResponseServerError(loader.get_template("500.html").render())


def failed_emails(request):
    """E-mails the worker could not send, with the reason, for an administrator to send
    again once the mail server works."""
    require(can_see_failed_emails(request.user))
    rows = [
        {"result": result, "reason": mail.reason_of(result), **mail.message_of(result)}
        for result in mail.failed_emails()[:200]
    ]
    return render(request, "core/failed_emails.html", {"rows": rows})


@require_POST
def failed_emails_resend(request):
    require(can_see_failed_emails(request.user))
    pk = request.POST.get("result")
    if pk:
        mail.resend(get_object_or_404(mail.failed_emails(), pk=pk))
        count = 1
    else:
        count = mail.resend_all()
    messages.success(
        request,
        ngettext(
            "%(count)s e-post er lagt i køen igjen.",
            "%(count)s e-poster er lagt i køen igjen.",
            count,
        )
        % {"count": count},
    )
    return redirect("core:failed_emails")

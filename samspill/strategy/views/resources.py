"""The publication plan of the Rammeplan's support resources."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from samspill.core.concurrency import save_or_show_errors

from .. import permissions, selectors, services
from ..forms import SupportResourceForm
from ..models import SupportResource
from . import require_manage, require_view


def resource_list(request):
    require_view(request)
    today = timezone.localdate()
    resources = list(selectors.support_resources())
    for resource in resources:
        resource.late = resource.is_late(today)
    return render(
        request,
        "strategy/resource_list.html",
        {
            "resources": resources,
            "can_manage": permissions.can_manage_strategy(request.user),
            "crumbs": [(_("Støtteressurser"), request.path)],
        },
    )


@require_http_methods(["GET", "POST"])
def resource_edit(request, pk=None):
    require_manage(request)
    resource = get_object_or_404(SupportResource, pk=pk) if pk else None
    form = SupportResourceForm(request.POST or None, instance=resource)
    if (
        request.method == "POST"
        and form.is_valid()
        and save_or_show_errors(form, lambda: services.record_save(record=form.instance))
    ):
        messages.success(request, _("Støtteressursen er lagret."))
        return redirect("strategy:resource_list")
    heading = _("Endre støtteressurs") if resource else _("Ny støtteressurs")
    return render(
        request,
        "strategy/form.html",
        {
            "form": form,
            "heading": heading,
            "crumbs": [
                (_("Støtteressurser"), reverse("strategy:resource_list")),
                (heading, request.path),
            ],
            "cancel_url": reverse("strategy:resource_list"),
        },
    )


urlpatterns = [
    path("stotteressurser/", resource_list, name="resource_list"),
    path("stotteressurser/ny/", resource_edit, name="resource_create"),
    path("stotteressurser/<int:pk>/rediger/", resource_edit, name="resource_edit"),
]

# Placeholder until the application views land; the URL names are fixed.
from django.http import Http404
from django.urls import path


def _todo(request, **kwargs):
    raise Http404


urlpatterns = [path("<slug:slug>/soknader/<int:pk>/", _todo, name="application_detail")]

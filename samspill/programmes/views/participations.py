# Placeholder until the participation views land; the URL names are fixed.
from django.http import Http404
from django.urls import path


def _todo(request, **kwargs):
    raise Http404


urlpatterns = [path("<slug:slug>/kommuner/<str:number>/", _todo, name="participation_detail")]

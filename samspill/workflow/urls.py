"""The calendar, its feeds and the reminder settings, under /kalender/."""

from .views import urlpatterns as urlpatterns

app_name = "workflow"

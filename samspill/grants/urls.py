"""URLs of grants and stipends, under /tilskudd/. Each views module lists its own."""

from .views import applications, calls, nominations, review

app_name = "grants"

urlpatterns = [
    *calls.urlpatterns,
    *nominations.urlpatterns,
    *review.urlpatterns,
    *applications.urlpatterns,
]

"""URLs of cooperation agreements, under /avtaler/. Each views module lists its own."""

from .views import agreements, meetings, plan, projects

app_name = "agreements"

urlpatterns = [
    *agreements.urlpatterns,
    *meetings.urlpatterns,
    *projects.urlpatterns,
    *plan.urlpatterns,
]

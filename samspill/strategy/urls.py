"""URLs of strategy, decisions and reports, under /strategi/."""

from .views import cases, dashboard, plans, reports, resources

app_name = "strategy"

urlpatterns = [
    *dashboard.urlpatterns,
    *plans.urlpatterns,
    *cases.urlpatterns,
    *resources.urlpatterns,
    *reports.urlpatterns,
]

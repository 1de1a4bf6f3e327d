"""URLs of development programmes, under /program/. Each views module lists its own."""

from .views import applications, fees, participations, plans, programmes, schedule

app_name = "programmes"

urlpatterns = [
    *programmes.urlpatterns,
    *applications.urlpatterns,
    *participations.urlpatterns,
    *plans.urlpatterns,
    *schedule.urlpatterns,
    *fees.urlpatterns,
]

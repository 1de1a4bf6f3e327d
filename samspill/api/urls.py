"""The API under /api/: the OpenAPI description, the interactive docs, version 1 of the
API, and the pages where a user makes and revokes their API keys."""

from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import pages, views

app_name = "api"

router = SimpleRouter()
router.register("municipalities", views.MunicipalityViewSet, basename="municipality")
router.register("people", views.PersonViewSet, basename="person")
router.register("programmes", views.ProgrammeViewSet, basename="programme")
router.register("participations", views.ParticipationViewSet, basename="participation")
router.register("seminars", views.SeminarViewSet, basename="seminar")
router.register("points", views.PointViewSet, basename="point")
router.register("agreements", views.AgreementViewSet, basename="agreement")
router.register("meetings", views.MeetingViewSet, basename="meeting")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("decisions", views.DecisionViewSet, basename="decision")
router.register("measures", views.MeasureViewSet, basename="measure")
router.register("statistics", views.AnnualStatisticsViewSet, basename="statistics")
router.register("calls", views.CallViewSet, basename="call")
router.register("nominations", views.NominationViewSet, basename="nomination")
router.register("grant-applications", views.GrantApplicationViewSet, basename="grant-application")

urlpatterns = [
    path("openapi.json", views.SchemaView.as_view(), name="schema"),
    path("docs/", pages.docs, name="docs"),
    path("nokler/", pages.tokens, name="tokens"),
    path("nokler/<int:pk>/trekk-tilbake/", pages.token_revoke, name="token_revoke"),
    path("v1/statistics/imports/", views.StatisticsImportView.as_view(), name="statistics_import"),
    path("v1/", include(router.urls)),
]

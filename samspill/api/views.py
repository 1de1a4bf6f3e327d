"""The REST API: read access to every area with the caller's own permissions (the same
scopes as the search, samspill.search.scopes), writes for statistics imports and seminar
answers through the areas' own services.

Authentication: a personal API key (Bearer) or the browser's session. The views are
exempt from Django's LoginRequiredMiddleware (which would answer an API client with a
redirect to the login page) and require authentication themselves: 401 without it.
"""

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from drf_spectacular.views import SpectacularJSONAPIView
from rest_framework import mixins, permissions, status, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.exceptions import ValidationError as ApiValidationError
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from samspill.search import scopes
from samspill.seminars import permissions as seminar_permissions
from samspill.seminars import services as seminar_services
from samspill.seminars.models import Group, Question, Theme
from samspill.statistics import importing
from samspill.statistics import permissions as statistics_permissions
from samspill.statistics import services as statistics_services

from . import serializers
from .throttling import ApiWriteRateThrottle


def _messages(error):
    if hasattr(error, "message_dict"):
        return [m for messages in error.message_dict.values() for m in messages]
    return list(error.messages)


class ApiView:
    """Authentication by the API's own rules, not by LoginRequiredMiddleware."""

    @classmethod
    def as_view(cls, *args, **kwargs):
        return login_not_required(super().as_view(*args, **kwargs))


def filtered(*params):
    """Declare query-string filters: (name, lookup, type, description)."""

    def decorate(cls):
        cls.filter_params = params
        return extend_schema_view(
            list=extend_schema(
                parameters=[
                    OpenApiParameter(name, kind, description=description)
                    for name, _lookup, kind, description in params
                ]
            )
        )(cls)

    return decorate


class ScopedViewSet(ApiView, viewsets.ReadOnlyModelViewSet):
    """A read-only list and detail over `scope(user)`, with the declared filters."""

    scope = None
    filter_params = ()

    def get_queryset(self):
        queryset = type(self).scope(self.request.user)
        for name, lookup, kind, _description in self.filter_params:
            value = self.request.query_params.get(name)
            if value in (None, ""):
                continue
            if kind is int:
                try:
                    value = int(value)
                except ValueError:
                    raise ApiValidationError({name: [_("Må være et heltall.")]}) from None
                if not -(2**31) < value < 2**31:
                    raise ApiValidationError({name: [_("Tallet er utenfor gyldig område.")]})
            elif kind is bool:
                value = value.lower() in {"1", "true", "ja"}
            queryset = queryset.filter(**{lookup: value})
        return queryset if queryset.ordered else queryset.order_by("pk")


@filtered(
    ("county", "county__number", str, "Fylkesnummer, f.eks. 46."),
    ("is_member", "is_member", bool, "Bare medlemmer (true) eller ikke-medlemmer (false)."),
)
class MunicipalityViewSet(ScopedViewSet):
    scope = scopes.municipalities
    serializer_class = serializers.MunicipalitySerializer
    lookup_field = "number"


@filtered(
    ("municipality", "municipality__number", str, "Kommunenummer."),
    ("organisation", "organisation_id", int, "Organisasjonens id."),
)
class PersonViewSet(ScopedViewSet):
    scope = scopes.people
    serializer_class = serializers.PersonSerializer


class ProgrammeViewSet(ScopedViewSet):
    scope = scopes.programmes
    serializer_class = serializers.ProgrammeSerializer
    lookup_field = "slug"


@filtered(
    ("programme", "programme__slug", str, "Programmets kortnavn."),
    ("municipality", "municipality__number", str, "Kommunenummer."),
)
class ParticipationViewSet(ScopedViewSet):
    scope = scopes.participations
    serializer_class = serializers.ParticipationSerializer


class SeminarViewSet(ScopedViewSet):
    scope = scopes.seminars
    serializer_class = serializers.SeminarSerializer
    lookup_field = "slug"


@filtered(
    ("seminar", "theme__seminar__slug", str, "Seminarets kortnavn."),
    ("theme", "theme__number", int, "Temaets nummer."),
    ("group", "group_id", int, "Gruppens id."),
)
class PointViewSet(mixins.CreateModelMixin, ScopedViewSet):
    """Seminar answers. Writing follows the board's rules: only organisers write through
    the API, never in a locked seminar or a closed theme, and only in the seminar's own
    groups and the theme's own questions."""

    scope = scopes.points
    serializer_class = serializers.PointSerializer
    throttle_scope = "write"

    def get_throttles(self):
        throttles = super().get_throttles()
        if self.action == "create":
            return throttles
        return [t for t in throttles if not isinstance(t, ApiWriteRateThrottle)]

    @extend_schema(
        request=serializers.PointCreateSerializer,
        responses={201: serializers.PointSerializer, 400: OpenApiTypes.OBJECT},
    )
    def create(self, request, *args, **kwargs):
        if not seminar_permissions.can_organise(request.user):
            raise PermissionDenied(_("Bare seminarets arrangører skriver svar gjennom API-et."))
        data = serializers.PointCreateSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        theme = (
            Theme.objects.select_related("seminar")
            .filter(seminar__slug=values["seminar"], number=values["theme"])
            .first()
        )
        if theme is None:
            raise ApiValidationError(
                {"theme": [_("Seminaret har ikke noe tema med dette nummeret.")]}
            )
        group = Group.objects.filter(pk=values["group"], seminar=theme.seminar).first()
        if group is None:
            raise ApiValidationError({"group": [_("Gruppen hører ikke til dette seminaret.")]})
        question = None
        if values.get("question"):
            question = Question.objects.filter(pk=values["question"], theme=theme).first()
            if question is None:
                raise ApiValidationError(
                    {"question": [_("Spørsmålet hører ikke til dette dialogtemaet.")]}
                )
        try:
            point = seminar_services.point_create(
                group=group, theme=theme, question=question, text=values["text"]
            )
        except DjangoValidationError as error:
            raise ApiValidationError({"detail": _messages(error)}) from None
        return Response(serializers.PointSerializer(point).data, status=status.HTTP_201_CREATED)


class AgreementViewSet(ScopedViewSet):
    scope = scopes.agreements
    serializer_class = serializers.AgreementSerializer
    lookup_field = "slug"

    def get_queryset(self):
        return super().get_queryset().prefetch_related("parties__organisation")


@filtered(("agreement", "agreement__slug", str, "Avtalens kortnavn."))
class MeetingViewSet(ScopedViewSet):
    scope = scopes.meetings
    serializer_class = serializers.MeetingSerializer


class PlanViewSet(ScopedViewSet):
    scope = scopes.plans
    serializer_class = serializers.PlanSerializer
    lookup_field = "slug"


@filtered(("kind", "kind", str, "Type vedtak."))
class DecisionViewSet(ScopedViewSet):
    scope = scopes.decisions
    serializer_class = serializers.DecisionSerializer


@filtered(
    ("plan", "goal__area__plan__slug", str, "Planens kortnavn."),
    ("status", "status", str, "Status."),
)
class MeasureViewSet(ScopedViewSet):
    scope = scopes.measures
    serializer_class = serializers.MeasureSerializer


@filtered(
    ("municipality", "municipality__number", str, "Kommunenummer."),
    ("school_year", "school_year", int, "Skoleåret etter året det starter, f.eks. 2023."),
)
class AnnualStatisticsViewSet(ScopedViewSet):
    scope = scopes.statistics
    serializer_class = serializers.AnnualStatisticsSerializer


@method_decorator(login_not_required, name="dispatch")
class StatisticsImportView(APIView):
    """Import a statistics file: every line is checked, then all of it is written or
    nothing. The columns are matched to the figures by their headings, as the import
    page suggests them."""

    parser_classes = [MultiPartParser, FormParser]
    throttle_scope = "write"

    @extend_schema(
        request={"multipart/form-data": serializers.StatisticsImportSerializer},
        responses={
            201: serializers.ImportReportSerializer,
            200: OpenApiResponse(serializers.ImportReportSerializer, "Kontrollert (dry_run)."),
            400: OpenApiResponse(
                serializers.ImportReportSerializer, "Feil i filen; ingenting er skrevet."
            ),
        },
    )
    def post(self, request):
        if not statistics_permissions.can_import_statistics(request.user):
            raise PermissionDenied(_("Bare administratorer og veiledere importerer statistikk."))
        data = serializers.StatisticsImportSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        upload = data.validated_data["file"]
        try:
            stored = statistics_services.statistics_import_upload(
                file_name=upload.name or "import.csv",
                content=upload.read(),
                encoding=data.validated_data["encoding"],
                user=request.user,
            )
        except importing.FileError as error:
            raise ApiValidationError({"file": [str(error)]}) from None
        except DjangoValidationError as error:
            raise ApiValidationError({"file": _messages(error)}) from None
        problems = importing.mapping_problems(stored.mapping)
        if problems:
            raise ApiValidationError({"file": problems})
        result = statistics_services.statistics_import_run(
            upload=stored,
            mapping=stored.mapping,
            dry_run=data.validated_data["dry_run"],
            user=request.user,
        )
        if not result.ok:
            code = status.HTTP_400_BAD_REQUEST
        elif result.dry_run:
            code = status.HTTP_200_OK
        else:
            code = status.HTTP_201_CREATED
        return Response(result.as_report(), status=code)


class CallViewSet(ScopedViewSet):
    scope = scopes.calls
    serializer_class = serializers.CallSerializer
    lookup_field = "slug"


@filtered(
    ("call", "call__slug", str, "Utlysningens kortnavn."),
    ("municipality", "municipality__number", str, "Kommunenummer."),
)
class NominationViewSet(ScopedViewSet):
    scope = scopes.nominations
    serializer_class = serializers.NominationSerializer


@filtered(
    ("call", "call__slug", str, "Utlysningens kortnavn."),
    ("municipality", "municipality__number", str, "Kommunenummer."),
)
class GrantApplicationViewSet(ScopedViewSet):
    scope = scopes.grant_applications
    serializer_class = serializers.GrantApplicationSerializer


class SchemaView(ApiView, SpectacularJSONAPIView):
    """The OpenAPI description, for signed-in people and key holders."""

    permission_classes = [permissions.IsAuthenticated]

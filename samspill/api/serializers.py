"""What the API shows of each record: plain fields, related records by their key."""

from rest_framework import serializers

from samspill.agreements.models import Agreement, Meeting
from samspill.grants.models import Call, GrantApplication, Nomination
from samspill.members.models import Municipality, Person
from samspill.programmes.models import Participation, Programme
from samspill.seminars.models import Point, Seminar
from samspill.statistics.fields import FIGURE_NAMES
from samspill.statistics.models import AnnualStatistics
from samspill.strategy.models import Decision, Measure, Plan


class MunicipalitySerializer(serializers.ModelSerializer):
    county = serializers.CharField(source="county.number", read_only=True)

    class Meta:
        model = Municipality
        fields = [
            "number",
            "name",
            "official_name",
            "county",
            "administrative_centre",
            "written_standard",
            "population",
            "is_member",
            "member_since",
        ]


class PersonSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(
        source="municipality.number", read_only=True, allow_null=True, default=None
    )

    class Meta:
        model = Person
        fields = ["id", "first_name", "last_name", "email", "phone", "municipality", "organisation"]


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["slug", "name", "subtitle", "purpose", "target_group", "goals", "is_published"]


class ParticipationSerializer(serializers.ModelSerializer):
    programme = serializers.CharField(source="programme.slug", read_only=True)
    municipality = serializers.CharField(source="municipality.number", read_only=True)

    class Meta:
        model = Participation
        fields = ["id", "programme", "municipality", "status"]


class SeminarSerializer(serializers.ModelSerializer):
    class Meta:
        model = Seminar
        fields = ["slug", "title", "starts_on", "ends_on", "is_locked"]


class PointSerializer(serializers.ModelSerializer):
    seminar = serializers.CharField(source="theme.seminar.slug", read_only=True)
    theme = serializers.IntegerField(source="theme.number", read_only=True)
    group_name = serializers.CharField(source="group.name", read_only=True)

    class Meta:
        model = Point
        fields = [
            "id",
            "seminar",
            "theme",
            "group",
            "group_name",
            "question",
            "text",
            "position",
            "created_at",
        ]


class PointCreateSerializer(serializers.Serializer):
    """A seminar answer: one point in a group's box for a theme (and question)."""

    seminar = serializers.SlugField(help_text="Seminarets kortnavn.")
    theme = serializers.IntegerField(min_value=1, max_value=32767, help_text="Temaets nummer.")
    group = serializers.IntegerField(min_value=1, help_text="Gruppens id.")
    question = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Spørsmålets id."
    )
    text = serializers.CharField(max_length=5000, trim_whitespace=True)


class AgreementSerializer(serializers.ModelSerializer):
    parties = serializers.SerializerMethodField()

    class Meta:
        model = Agreement
        fields = ["slug", "title", "status", "period_start", "period_end", "purpose", "parties"]

    def get_parties(self, agreement) -> list[str]:
        return [party.organisation.name for party in agreement.parties.all()]


class MeetingSerializer(serializers.ModelSerializer):
    agreement = serializers.CharField(source="agreement.slug", read_only=True)

    class Meta:
        model = Meeting
        fields = ["id", "agreement", "kind", "title", "starts_at", "ends_at", "place", "status"]


class PlanSerializer(serializers.ModelSerializer):
    class Meta:
        model = Plan
        fields = ["slug", "title", "kind", "period_start", "period_end", "description"]


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "kind", "case_number", "title", "text", "meeting", "decided_on"]


class MeasureSerializer(serializers.ModelSerializer):
    plan = serializers.CharField(source="goal.area.plan.slug", read_only=True)

    class Meta:
        model = Measure
        fields = ["id", "plan", "goal", "level", "text", "status", "deadline"]


class AnnualStatisticsSerializer(serializers.ModelSerializer):
    municipality = serializers.CharField(source="municipality.number", read_only=True)

    class Meta:
        model = AnnualStatistics
        fields = ["id", "municipality", "school_year", *FIGURE_NAMES, "source", "source_note"]


class StatisticsImportSerializer(serializers.Serializer):
    file = serializers.FileField(help_text="CSV (semikolon eller komma) eller XLSX, høyst 10 MB.")
    dry_run = serializers.BooleanField(
        default=False, help_text="Bare kontroller filen, skriv ingenting."
    )
    encoding = serializers.ChoiceField(choices=["auto", "utf-8", "cp1252"], default="auto")


class ImportReportSerializer(serializers.Serializer):
    ok = serializers.BooleanField()
    dry_run = serializers.BooleanField()
    created = serializers.IntegerField()
    updated = serializers.IntegerField()
    values = serializers.IntegerField()
    lines = serializers.IntegerField()
    skipped = serializers.IntegerField()
    errors = serializers.ListField(child=serializers.ListField())
    notices = serializers.ListField(child=serializers.CharField())


class CallSerializer(serializers.ModelSerializer):
    scheme = serializers.CharField(source="scheme.slug", read_only=True)

    class Meta:
        model = Call
        fields = ["slug", "title", "scheme", "opens_on", "closes_on", "text"]


class NominationSerializer(serializers.ModelSerializer):
    call = serializers.CharField(source="call.slug", read_only=True)
    municipality = serializers.CharField(source="municipality.number", read_only=True)

    class Meta:
        model = Nomination
        fields = ["id", "call", "municipality", "status", "first_name", "last_name"]


class GrantApplicationSerializer(serializers.ModelSerializer):
    call = serializers.CharField(source="call.slug", read_only=True)
    municipality = serializers.CharField(source="municipality.number", read_only=True)

    class Meta:
        model = GrantApplication
        fields = ["id", "call", "municipality", "status", "project_title", "description"]

from django.contrib import admin

from . import models


class PartyInline(admin.TabularInline):
    model = models.Party
    extra = 0
    raw_id_fields = ["organisation", "contact_person"]


class BaseDocumentInline(admin.TabularInline):
    model = models.BaseDocument
    extra = 0


class SteeringGroupInline(admin.TabularInline):
    model = models.SteeringGroupMember
    extra = 0
    raw_id_fields = ["person", "delegated_to"]


@admin.register(models.Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "period_start", "period_end"]
    list_filter = ["status"]
    prepopulated_fields = {"slug": ["title"]}
    raw_id_fields = ["predecessor"]
    inlines = [PartyInline, BaseDocumentInline, SteeringGroupInline]


class AgendaItemInline(admin.TabularInline):
    model = models.AgendaItem
    extra = 0


class DecisionInline(admin.TabularInline):
    model = models.Decision
    extra = 0


class ActionItemInline(admin.TabularInline):
    model = models.ActionItem
    extra = 0
    raw_id_fields = ["owner", "done_by"]


@admin.register(models.Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ["title", "agreement", "kind", "starts_at", "status"]
    list_filter = ["agreement", "kind", "status"]
    inlines = [AgendaItemInline, DecisionInline, ActionItemInline]


class ProjectMemberInline(admin.TabularInline):
    model = models.ProjectMember
    extra = 0
    raw_id_fields = ["person"]


class ProjectReportInline(admin.TabularInline):
    model = models.ProjectReport
    extra = 0


@admin.register(models.Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["title", "agreement", "status", "lead", "project_agreement_signed_on"]
    list_filter = ["agreement", "status"]
    raw_id_fields = ["lead"]
    filter_horizontal = ["municipalities"]
    inlines = [ProjectMemberInline, ProjectReportInline]


@admin.register(models.Milestone)
class MilestoneAdmin(admin.ModelAdmin):
    list_display = ["title", "agreement", "year", "kind", "due_on", "done_on", "owner"]
    list_filter = ["agreement", "year", "kind"]
    raw_id_fields = ["owner", "meeting", "project", "report"]


admin.site.register(
    [
        models.Party,
        models.SteeringGroupMember,
        models.Attendance,
        models.ActionItem,
        models.MinutesComment,
        models.ProjectReport,
    ]
)

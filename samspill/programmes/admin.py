from django.contrib import admin

from . import models, services


class CriterionInline(admin.TabularInline):
    model = models.SelectionCriterion
    extra = 0


@admin.register(models.Programme)
class ProgrammeAdmin(admin.ModelAdmin):
    list_display = ["name", "period_start", "period_end", "call_closes", "is_published"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CriterionInline]


@admin.register(models.Application)
class ApplicationAdmin(admin.ModelAdmin):
    list_display = ["municipality", "programme", "status", "submitted_at"]
    list_filter = ["programme", "status"]
    raw_id_fields = ["municipality", "development_area", "created_by", "decided_by"]


class GroupMemberInline(admin.TabularInline):
    model = models.GroupMember
    extra = 0
    raw_id_fields = ["person"]


class InstalmentInline(admin.TabularInline):
    model = models.Instalment
    extra = 0
    raw_id_fields = ["event"]


@admin.register(models.Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["municipality", "programme", "status", "adviser"]
    list_filter = ["programme", "status"]
    raw_id_fields = ["municipality", "application", "adviser", "development_area"]
    inlines = [GroupMemberInline, InstalmentInline]


@admin.register(models.Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "programme", "kind", "mode", "starts_on", "weeks", "held_on"]
    list_filter = ["programme", "kind"]

    def save_model(self, request, obj, form, change):
        services.event_save(event=obj)  # sets the sort date the schedule is ordered by


@admin.register(models.Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["participation", "signed_by_nkr_on", "signed_by_chief_executive_on"]


@admin.register(models.DevelopmentPlan)
class DevelopmentPlanAdmin(admin.ModelAdmin):
    list_display = ["participation", "focus_area"]


@admin.register(models.PlanEntry)
class PlanEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "plan", "cycle", "phase", "status", "entry_date"]
    raw_id_fields = ["owner"]


@admin.register(models.GuidanceSession)
class GuidanceSessionAdmin(admin.ModelAdmin):
    list_display = ["participation", "held_on", "mode", "adviser"]


@admin.register(models.Instalment)
class InstalmentAdmin(admin.ModelAdmin):
    list_display = ["participation", "number", "amount", "due_on", "invoiced_on", "paid_on"]
    list_filter = ["participation__programme"]


admin.site.register(
    [models.CriterionAnswer, models.CriterionScore, models.Attendance, models.HistoryEntry]
)
admin.site.register(models.PlanComment)
admin.site.register(models.SelectionCriterion)

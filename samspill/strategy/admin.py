from django.contrib import admin

from . import models


@admin.register(models.GoverningDocument)
class GoverningDocumentAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "adopted_by", "adopted_on"]
    list_filter = ["kind"]


class StrategyAreaInline(admin.TabularInline):
    model = models.StrategyArea
    extra = 0


@admin.register(models.Plan)
class PlanAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "period_start", "period_end"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [StrategyAreaInline]


@admin.register(models.Goal)
class GoalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "area"]
    list_filter = ["area__plan"]


@admin.register(models.Measure)
class MeasureAdmin(admin.ModelAdmin):
    list_display = ["text", "goal", "level", "status", "progress", "deadline"]
    list_filter = ["level", "status", "goal__area__plan"]
    search_fields = ["text"]


class FollowUpInline(admin.StackedInline):
    model = models.FollowUp
    extra = 0


class AdditionalDecisionInline(admin.TabularInline):
    model = models.AdditionalDecision
    extra = 0


@admin.register(models.Decision)
class DecisionAdmin(admin.ModelAdmin):
    list_display = ["heading", "kind", "meeting", "sort_order"]
    list_filter = ["kind"]
    search_fields = ["title", "case_number"]
    filter_horizontal = ["responsible_units"]
    inlines = [AdditionalDecisionInline, FollowUpInline]


@admin.register(models.StatusUpdate)
class StatusUpdateAdmin(admin.ModelAdmin):
    list_display = ["date", "status", "progress", "measure", "follow_up", "author"]
    raw_id_fields = ["measure", "follow_up", "author"]


@admin.register(models.TraceLink)
class TraceLinkAdmin(admin.ModelAdmin):
    list_display = ["__str__", "measure", "follow_up"]
    raw_id_fields = ["measure", "follow_up", "point", "programme", "project"]


@admin.register(models.SupportResource)
class SupportResourceAdmin(admin.ModelAdmin):
    list_display = ["title", "component", "planned_on", "published_on", "status"]
    list_filter = ["status", "component"]


@admin.register(models.BasicGrant)
class BasicGrantAdmin(admin.ModelAdmin):
    list_display = ["title", "amount", "period_start", "period_end", "report_due"]

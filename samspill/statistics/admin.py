from django.contrib import admin

from . import models


@admin.register(models.AnnualStatistics)
class AnnualStatisticsAdmin(admin.ModelAdmin):
    list_display = ["municipality", "school_year", "pupils", "waiting", "yearly_fee", "source"]
    list_filter = ["source", "school_year", "municipality__county"]
    search_fields = ["municipality__name", "municipality__number"]
    raw_id_fields = ["municipality", "updated_by"]


@admin.register(models.FrameworkPlanAdoption)
class FrameworkPlanAdoptionAdmin(admin.ModelAdmin):
    list_display = ["municipality", "adopted_on", "decision_reference", "source"]
    list_filter = ["source", "municipality__county"]
    search_fields = ["municipality__name", "municipality__number"]
    raw_id_fields = ["municipality"]


@admin.register(models.StatisticsImport)
class StatisticsImportAdmin(admin.ModelAdmin):
    list_display = ["file_name", "created_at", "created_by", "status"]
    list_filter = ["status"]
    exclude = ["content"]
    readonly_fields = ["file_name", "created_at", "created_by", "imported_at", "report"]

from django.contrib import admin

from .models import (
    Award,
    BudgetLine,
    Call,
    Category,
    ConflictOfInterest,
    Criterion,
    GrantApplication,
    Jury,
    Nomination,
    Round,
    Scheme,
    WorkSample,
)


class CategoryInline(admin.TabularInline):
    model = Category
    extra = 0


class CriterionInline(admin.TabularInline):
    model = Criterion
    extra = 0


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "partner", "award_count", "total_budget"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CategoryInline, CriterionInline]


@admin.register(Call)
class CallAdmin(admin.ModelAdmin):
    list_display = ["title", "scheme", "year", "opens_on", "closes_on"]
    list_filter = ["scheme", "year"]
    prepopulated_fields = {"slug": ["title"]}


class WorkSampleInline(admin.TabularInline):
    model = WorkSample
    extra = 0


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["__str__", "call", "municipality", "category", "status"]
    list_filter = ["call", "status", "category"]
    search_fields = ["first_name", "last_name", "municipality__name"]
    raw_id_fields = ["municipality", "nominated_by"]
    inlines = [WorkSampleInline]


@admin.register(Jury)
class JuryAdmin(admin.ModelAdmin):
    list_display = ["name", "call", "kind", "category"]
    filter_horizontal = ["members"]


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ["__str__", "call", "jury_kind", "closed_at"]
    raw_id_fields = ["nominations"]


@admin.register(ConflictOfInterest)
class ConflictAdmin(admin.ModelAdmin):
    list_display = ["reviewer", "nomination", "declared_at"]
    raw_id_fields = ["nomination"]


@admin.register(Award)
class AwardAdmin(admin.ModelAdmin):
    list_display = ["nomination", "call", "amount", "decided_at"]
    raw_id_fields = ["nomination"]


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0


@admin.register(GrantApplication)
class GrantApplicationAdmin(admin.ModelAdmin):
    list_display = ["project_title", "municipality", "call", "status", "amount_granted"]
    list_filter = ["call", "status"]
    raw_id_fields = ["municipality"]
    inlines = [BudgetLineInline]

from django.contrib import admin

from .models import (
    ArtsSchool,
    County,
    DevelopmentArea,
    Municipality,
    Organisation,
    Person,
    Position,
    Region,
    StaffUnit,
    StaffUnitMembership,
)


@admin.register(County)
class CountyAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "official_name", "population", "is_member"]
    list_filter = ["is_member"]
    search_fields = ["number", "name", "official_name"]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "county", "population", "is_member", "member_since"]
    list_filter = ["is_member", "county", "written_standard"]
    list_select_related = ["county"]
    search_fields = ["number", "name", "official_name", "parallel_names"]
    readonly_fields = ["number"]


class DevelopmentAreaInline(admin.StackedInline):
    model = DevelopmentArea
    extra = 0


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "email"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["counties"]
    search_fields = ["name"]
    inlines = [DevelopmentAreaInline]


@admin.register(DevelopmentArea)
class DevelopmentAreaAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "period_start", "period_end"]
    list_filter = ["region"]
    search_fields = ["title", "description"]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "website"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name"]


@admin.register(ArtsSchool)
class ArtsSchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "leader", "email"]
    search_fields = ["name", "municipalities__name"]
    autocomplete_fields = ["municipalities", "leader"]


class PositionInline(admin.TabularInline):
    model = Position
    extra = 0
    autocomplete_fields = ["municipality", "organisation"]


class StaffUnitMembershipInline(admin.TabularInline):
    model = StaffUnitMembership
    extra = 0
    autocomplete_fields = ["person", "unit"]
    filter_horizontal = ["regions"]


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["last_name", "first_name", "email", "municipality", "organisation"]
    list_select_related = ["municipality", "organisation"]
    list_filter = ["organisation"]
    search_fields = ["first_name", "last_name", "email"]
    autocomplete_fields = ["municipality", "organisation"]
    inlines = [PositionInline, StaffUnitMembershipInline]


@admin.register(StaffUnit)
class StaffUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "sort_order"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    inlines = [StaffUnitMembershipInline]

from django.contrib import admin

from . import models


class ThemeInline(admin.StackedInline):
    model = models.Theme
    extra = 0


@admin.register(models.Seminar)
class SeminarAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_on", "join_code", "is_locked"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["join_code"]
    inlines = [ThemeInline]


class QuestionInline(admin.TabularInline):
    model = models.Question
    extra = 0


@admin.register(models.Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["title", "seminar", "number", "is_closed"]
    inlines = [QuestionInline]


@admin.register(models.Group)
class GroupAdmin(admin.ModelAdmin):
    list_display = ["name", "seminar", "place", "municipalities_text"]
    list_filter = ["seminar"]
    filter_horizontal = ["municipalities"]


@admin.register(models.Point)
class PointAdmin(admin.ModelAdmin):
    list_display = ["text", "group", "theme", "question", "is_hidden", "imported"]
    list_filter = ["theme__seminar", "is_hidden", "imported"]
    raw_id_fields = ["group", "theme", "question", "author"]


@admin.register(models.UnplacedPost)
class UnplacedPostAdmin(admin.ModelAdmin):
    list_display = ["text", "seminar", "reason", "placed_as"]
    raw_id_fields = ["placed_as"]


admin.site.register(
    [
        models.Question,
        models.Participant,
        models.Priority,
        models.DotVote,
        models.ModerationEntry,
    ]
)

from django.contrib import admin

from .models import CalendarFeedToken, ReminderPreference, SentReminder


@admin.register(SentReminder)
class SentReminderAdmin(admin.ModelAdmin):
    """What was sent to whom: read only, so that nothing is sent again by mistake."""

    list_display = ["sent_on", "user", "kind", "title"]
    list_filter = ["kind", "sent_on"]
    search_fields = ["user__email", "title", "key"]
    date_hierarchy = "sent_on"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ReminderPreference)
class ReminderPreferenceAdmin(admin.ModelAdmin):
    list_display = ["user", "before_deadline", "days_before", "overdue", "assigned"]
    search_fields = ["user__email"]


@admin.register(CalendarFeedToken)
class CalendarFeedTokenAdmin(admin.ModelAdmin):
    """The secret itself is not shown; deleting the row stops the person's feed address
    (a new one is made when they open their profile)."""

    list_display = ["user", "created_at"]
    search_fields = ["user__email"]
    fields = ["user", "created_at"]
    readonly_fields = ["user", "created_at"]

    def has_add_permission(self, request):
        return False

from django.contrib import admin

from .models import AuditEntry


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit trail, for administrators: read it, search it, never change it."""

    list_display = ["at", "action", "actor_label", "target", "object_type", "ip_address"]
    list_filter = ["action", "object_type"]
    search_fields = ["actor_label", "target", "details", "ip_address"]
    date_hierarchy = "at"
    readonly_fields = [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

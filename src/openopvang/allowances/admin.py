from django.contrib import admin

from .models import EigenBijdrageReduction, MunicipalPolicy, PaymentItem, PaymentRun


@admin.register(MunicipalPolicy)
class MunicipalPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "municipality",
        "household_income_stop",
        "partial_month",
        "eigen_bijdrage_floor",
        "recompute_months",
    ]
    search_fields = ["municipality__name", "municipality__code"]


@admin.register(EigenBijdrageReduction)
class EigenBijdrageReductionAdmin(admin.ModelAdmin):
    list_display = ["household", "month", "amount", "reason"]
    list_filter = ["month"]
    raw_id_fields = ["household", "municipality"]


class PaymentItemInline(admin.TabularInline):
    model = PaymentItem
    fields = ["household_name", "payee_name", "iban", "method", "reason", "amount"]
    readonly_fields = fields
    can_delete = False
    extra = 0
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PaymentRun)
class PaymentRunAdmin(admin.ModelAdmin):
    """Read-only: runs change only through the services (four eyes, audit)."""

    list_display = ["municipality", "month", "status", "total", "approved_at"]
    list_filter = ["status", "month"]
    search_fields = ["municipality__name", "municipality__code"]
    inlines = [PaymentItemInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

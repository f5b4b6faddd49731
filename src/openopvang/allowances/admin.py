from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin, ReadOnlyInline

from .models import EigenBijdrageReduction, MunicipalPolicy, PaymentItem, PaymentRun


@admin.register(MunicipalPolicy)
class MunicipalPolicyAdmin(admin.ModelAdmin):
    list_display = [
        "municipality",
        "household_income_stop",
        "partial_month",
        "income_band",
        "eigen_bijdrage_floor",
        "recompute_months",
    ]
    search_fields = ["municipality__name", "municipality__code"]


@admin.register(EigenBijdrageReduction)
class EigenBijdrageReductionAdmin(admin.ModelAdmin):
    list_display = ["household", "month", "amount", "reason"]
    list_filter = ["month"]
    raw_id_fields = ["household", "municipality"]


class PaymentItemInline(ReadOnlyInline):
    model = PaymentItem
    fields = ["household_name", "payee_name", "iban", "method", "reason", "amount"]
    readonly_fields = fields


@admin.register(PaymentRun)
class PaymentRunAdmin(ReadOnlyAdmin):
    """Runs change only through the services (four eyes, audit)."""

    list_display = ["municipality", "month", "status", "total", "approved_at"]
    list_filter = ["status", "month"]
    search_fields = ["municipality__name", "municipality__code"]
    inlines = [PaymentItemInline]

"""Admin for the catalogue only. Offers, orders, delivery and invoices change
through the services (audited, role-checked), so the admin shows them read-only."""

from django.contrib import admin

from .models import Invoice, InvoiceLine, Offer, Order, Service, ServiceText


class ServiceTextInline(admin.TabularInline):
    model = ServiceText
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["code", "provider", "kind", "target_group", "unit", "standard_price", "active"]
    list_filter = ["provider", "kind", "target_group", "unit", "active"]
    inlines = [ServiceTextInline]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Offer)
class OfferAdmin(ReadOnlyAdmin):
    list_display = ["title", "ngo", "municipality", "status", "created_at"]
    list_filter = ["status"]


@admin.register(Order)
class OrderAdmin(ReadOnlyAdmin):
    list_display = ["number", "ngo", "municipality", "budget", "created_at"]


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    fields = ["description", "units", "unit_price", "amount", "status", "dispute_reason"]
    readonly_fields = fields


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "order", "month", "status", "total"]
    list_filter = ["status"]
    inlines = [InvoiceLineInline]

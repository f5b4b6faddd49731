"""Admin for the catalogue only. Offers, orders, delivery and invoices change
through the services (audited, role-checked), so the admin shows them read-only."""

from django.contrib import admin

from openopvang.audit.admin import ReadOnlyAdmin

from .models import Invoice, InvoiceLine, Offer, Order, Service, ServiceText


class ServiceTextInline(admin.TabularInline):
    model = ServiceText
    extra = 0


@admin.register(Service)
class ServiceAdmin(admin.ModelAdmin):
    list_display = ["code", "provider", "kind", "target_group", "unit", "standard_price", "active"]
    list_filter = ["provider", "kind", "target_group", "unit", "active"]
    inlines = [ServiceTextInline]


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
    list_display = ["number", "order", "month", "interim", "status", "total"]
    list_filter = ["status", "interim"]
    inlines = [InvoiceLineInline]

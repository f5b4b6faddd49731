"""Registry models in the admin, for platform superusers (support and data
repair). Not scoped to an organisation; every change and every opened record
is audited with the record's municipality."""

from django.contrib import admin

from openopvang.audit.admin import AuditedAdminMixin, ReadOnlyAdmin

from . import models


class RegistryAdmin(AuditedAdminMixin, admin.ModelAdmin):
    list_per_page = 50


class MembershipInline(admin.TabularInline):
    model = models.HouseholdMembership
    extra = 0
    autocomplete_fields = ("person",)


class CapacityInline(admin.TabularInline):
    model = models.CapacityPeriod
    extra = 0


@admin.register(models.Person)
class PersonAdmin(RegistryAdmin):
    list_display = ("family_name", "given_names", "birth_date", "nationality", "municipality")
    list_filter = ("nationality", "sex", "municipality")
    search_fields = (
        "family_name",
        "given_names",
        "family_name_cyrillic",
        "given_names_cyrillic",
        "bsn",
    )
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)
    readonly_fields = ("created_at", "updated_at")


@admin.register(models.Household)
class HouseholdAdmin(RegistryAdmin):
    list_display = ("name", "municipality", "payee", "created_at")
    list_filter = ("municipality",)
    search_fields = ("name",)
    list_select_related = ("municipality", "payee")
    autocomplete_fields = ("municipality", "payee")
    inlines = [MembershipInline]


@admin.register(models.HouseholdMembership)
class HouseholdMembershipAdmin(RegistryAdmin):
    list_display = ("person", "household", "role", "start_date", "end_date")
    list_filter = ("role",)
    search_fields = ("person__family_name", "person__given_names", "household__name")
    list_select_related = ("person", "household")
    autocomplete_fields = ("person", "household")


@admin.register(models.Location)
class LocationAdmin(RegistryAdmin):
    list_display = ("name", "municipality", "kind", "city", "catering", "opened_on", "closed_on")
    list_filter = ("kind", "catering", "municipality")
    search_fields = ("name", "address", "postcode", "city")
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)
    inlines = [CapacityInline]


@admin.register(models.CapacityPeriod)
class CapacityPeriodAdmin(RegistryAdmin):
    list_display = ("location", "places", "start_date", "end_date")
    search_fields = ("location__name",)
    list_select_related = ("location",)
    autocomplete_fields = ("location",)


@admin.register(models.Host)
class HostAdmin(RegistryAdmin):
    list_display = ("name", "municipality", "city", "active_from", "active_to")
    list_filter = ("municipality",)
    search_fields = ("name", "contact_name", "address", "postcode", "city")
    list_select_related = ("municipality",)
    autocomplete_fields = ("municipality",)


@admin.register(models.Placement)
class PlacementAdmin(ReadOnlyAdmin):
    """Placements change through the registry services, which add the
    capacity check (it reads the whole location) to Placement.clean."""

    list_per_page = 50
    list_display = ("person", "municipality", "location", "host", "start_date", "end_date")
    list_filter = ("municipality", "capacity_override")
    search_fields = ("person__family_name", "person__given_names", "location__name", "host__name")
    list_select_related = ("person", "municipality", "location", "host")
    autocomplete_fields = ("person", "municipality", "location", "host")


@admin.register(models.IncomePeriod)
class IncomePeriodAdmin(RegistryAdmin):
    list_display = ("person", "kind", "monthly_amount", "start_date", "end_date")
    list_filter = ("kind",)
    search_fields = ("person__family_name", "person__given_names")
    list_select_related = ("person",)
    autocomplete_fields = ("person",)


@admin.register(models.Provision)
class ProvisionAdmin(RegistryAdmin):
    list_display = ("person", "month", "kind", "description")
    list_filter = ("kind",)
    search_fields = ("person__family_name", "person__given_names", "description")
    list_select_related = ("person",)
    autocomplete_fields = ("person",)

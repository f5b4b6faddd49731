"""Query filters of the support endpoints: related records by plain id, so
another organisation's id answers as an id nobody has (see
casework/api/filters.py)."""

import django_filters

from ..models import Enrolment, Invoice, Offer, Order, Service, Session


class ServiceFilter(django_filters.FilterSet):
    provider = django_filters.CharFilter(field_name="provider__code")

    class Meta:
        model = Service
        fields = ["provider", "kind", "target_group", "unit", "active"]


class OfferFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__code")

    class Meta:
        model = Offer
        fields = ["municipality", "status"]


class OrderFilter(django_filters.FilterSet):
    municipality = django_filters.CharFilter(field_name="municipality__code")

    class Meta:
        model = Order
        fields = ["municipality"]


class EnrolmentFilter(django_filters.FilterSet):
    order = django_filters.NumberFilter(field_name="order_line__order")
    order_line = django_filters.NumberFilter(field_name="order_line_id")

    class Meta:
        model = Enrolment
        fields = ["order", "order_line"]


class DeliveryFilter(django_filters.FilterSet):
    order = django_filters.NumberFilter(field_name="order_line__order")
    order_line = django_filters.NumberFilter(field_name="order_line_id")
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte")
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte")

    class Meta:
        model = Session
        fields = ["order", "order_line", "date_from", "date_to"]


class InvoiceFilter(django_filters.FilterSet):
    order = django_filters.NumberFilter(field_name="order_id")

    class Meta:
        model = Invoice
        fields = ["order", "status", "month"]

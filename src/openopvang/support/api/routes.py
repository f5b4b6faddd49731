"""Router registrations of the support API, called from conf/api_urls.py."""

from . import viewsets


def register(router) -> None:
    router.register("services", viewsets.ServiceViewSet, basename="support-service")
    router.register("offers", viewsets.OfferViewSet, basename="support-offer")
    router.register("orders", viewsets.OrderViewSet, basename="support-order")
    router.register("enrolments", viewsets.EnrolmentViewSet, basename="support-enrolment")
    router.register("participants", viewsets.ParticipantViewSet, basename="support-participant")
    router.register("deliveries", viewsets.DeliveryViewSet, basename="support-delivery")
    router.register("invoices", viewsets.InvoiceViewSet, basename="support-invoice")

from django.urls import path

from . import views

app_name = "support"
urlpatterns = [
    path("", views.index, name="index"),
    path("services/", views.service_list, name="service_list"),
    path("services/new/", views.service_edit, name="service_create"),
    path("services/<int:pk>/edit/", views.service_edit, name="service_edit"),
    path("offers/new/", views.offer_create, name="offer_create"),
    path("offers/<int:pk>/", views.offer_detail, name="offer_detail"),
    path("offers/<int:pk>/<slug:action>/", views.offer_action, name="offer_action"),
    path("orders/<int:pk>/", views.order_detail, name="order_detail"),
    path("orders/<int:pk>/participants/", views.participants, name="participants"),
    path("orders/<int:pk>/enrol/persons/", views.enrol_person_search, name="enrol_person_search"),
    path("orders/<int:pk>/invoices/", views.invoice_generate, name="invoice_generate"),
    path("enrolments/<int:pk>/end/", views.enrolment_end, name="enrolment_end"),
    path("order-lines/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("sessions/<int:pk>/delete/", views.session_delete, name="session_delete"),
    path("invoices/<int:pk>/", views.invoice_detail, name="invoice_detail"),
    path("invoices/<int:pk>/download.<str:fmt>", views.invoice_download, name="invoice_download"),
    path("invoices/<int:pk>/send/", views.invoice_send, name="invoice_send"),
    path("invoices/<int:pk>/<slug:action>/", views.invoice_action, name="invoice_action"),
    path("invoice-lines/<int:pk>/", views.invoice_line_detail, name="invoice_line_detail"),
]

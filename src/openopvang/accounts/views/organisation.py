"""The administrator's settings of the own organisation."""

from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views.generic import UpdateView

from openopvang.core.mixins import AuditedFormMixin, StaffRequiredMixin

from .. import services
from ..forms import OrganisationSettingsForm
from ..permissions import require_manage_organisation


class OrganisationSettingsView(StaffRequiredMixin, AuditedFormMixin, UpdateView):
    """/accounts/organisation/: the administrator's settings of the own
    organisation (the debtor IBAN the SEPA file needs)."""

    form_class = OrganisationSettingsForm
    template_name = "accounts/organisation_settings.html"
    success_message = gettext_lazy("The settings of %(object)s are saved.")

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            require_manage_organisation(request.user, request.user.organisation)
        return super().dispatch(request, *args, **kwargs)

    def get_object(self, queryset=None):
        return self.request.user.organisation

    def save(self, instance):
        return services.save_organisation_settings(
            self.request.user, instance, request=self.request
        )

    def get_success_url(self):
        return reverse("accounts:organisation")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupportConfig(AppConfig):
    name = "openopvang.support"
    label = "support"
    verbose_name = _("Support services")

    def ready(self):
        # Partner rules (NGOs see what they deliver) and the cost source that
        # feeds approved invoice lines into the BooO declaration.
        # The dashboard's card of offers, sessions and invoices waiting.
        from . import cost_source, panels, scoping  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AllowancesConfig(AppConfig):
    name = "openopvang.allowances"
    label = "allowances"
    verbose_name = _("Leefgeld and eigen bijdrage")

    def ready(self):
        # Feeds the leefgeld actually paid to POO persons into the BooO declaration.
        # The household's leefgeld and eigen bijdrage on the person page.
        # The runs a parameter load touches (parameters.affected).
        from . import (
            affected,  # noqa: F401
            cost_source,  # noqa: F401
            panels,  # noqa: F401
            settled,  # noqa: F401  (paid months a registry edit would change)
        )

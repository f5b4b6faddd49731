from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "openopvang.casework"
    label = "casework"
    verbose_name = _("Casework")

    def ready(self):
        # The dashboard card and the person page's case section.
        from openopvang.registry.snapshots import right_sources

        from . import panels  # noqa: F401
        from .selectors import no_reception_right_periods

        # The money follows the rights: the scenario document gets each
        # person's days without a right to municipal reception and leefgeld.
        right_sources.add("casework", no_reception_right_periods)

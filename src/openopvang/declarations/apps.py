from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeclarationsConfig(AppConfig):
    name = "openopvang.declarations"
    label = "declarations"
    verbose_name = _("BooO declarations")

    def ready(self):
        from . import (
            affected,  # noqa: F401  (declarations a parameter load touches)
            panels,  # noqa: F401  (the dashboard's cards)
            settled,  # noqa: F401  (years a registry edit would change)
            tasks,  # noqa: F401  (registers the national task)
        )

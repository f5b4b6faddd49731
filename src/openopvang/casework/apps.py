from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseworkConfig(AppConfig):
    name = "openopvang.casework"
    label = "casework"
    verbose_name = _("Casework")

    def ready(self):
        # The dashboard card and the person page's case section.
        from . import panels  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "openopvang.letters"
    verbose_name = _("Letters")

    def ready(self):
        # The person page's letters section.
        # The letter types whose data comes from casework and the allowances engine.
        from . import (
            panels,  # noqa: F401
            types_eigen_bijdrage,  # noqa: F401
            types_more,  # noqa: F401
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DedupConfig(AppConfig):
    name = "openopvang.dedup"
    verbose_name = _("Duplicates")

    def ready(self):
        # The registry asks for probable duplicates when a person is created,
        # without importing this app (it sits below it in the layers).
        from openopvang.dedup import checks, panels  # noqa: F401

        checks.register()

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for trying the platform and synthetic data for benchmarks.
    No models: it only fills the other apps' tables."""

    name = "openopvang.demo"
    label = "demo"
    verbose_name = _("Demo data")

    def ready(self):
        # Other apps' parts of the demo live here (the demo imports them, they
        # never import the demo); registered after the registry loaders.
        from django.apps import apps

        if apps.is_installed("openopvang.support"):
            from . import support  # noqa: F401
        from . import money  # noqa: F401

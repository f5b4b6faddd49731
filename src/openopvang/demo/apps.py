from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo data for trying the platform and synthetic data for benchmarks.
    No models: it only fills the other apps' tables."""

    name = "openopvang.demo"
    label = "demo"
    verbose_name = _("Demo data")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ParametersConfig(AppConfig):
    """The Django side of the rules engine: administrators' parameter values
    (overrides of the YAML defaults), their page and API. The engine itself
    (`openopvang.rules`) stays free of Django."""

    name = "openopvang.parameters"
    label = "parameters"
    verbose_name = _("Rules and parameters")

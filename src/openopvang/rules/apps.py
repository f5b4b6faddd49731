from django.apps import AppConfig


class RulesConfig(AppConfig):
    """Installed only so that the migration history of the former
    `rules.ParameterOverride` (now `parameters.ParameterOverride`, same table)
    stays applicable to existing databases. The package is the pure engine:
    nothing under `rules/engine/` imports Django."""

    name = "openopvang.rules"
    label = "rules"
    verbose_name = "Rules engine"

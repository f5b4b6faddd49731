from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RulesConfig(AppConfig):
    name = "openopvang.rules"
    label = "rules"
    verbose_name = _("Rules and parameters")

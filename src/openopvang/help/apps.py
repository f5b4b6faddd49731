from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HelpConfig(AppConfig):
    name = "openopvang.help"
    verbose_name = _("Help")

    def ready(self):
        from . import telegram

        telegram.register()

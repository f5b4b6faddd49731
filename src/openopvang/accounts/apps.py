from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "openopvang.accounts"
    label = "accounts"
    verbose_name = _("Organisations and staff")

    def ready(self):
        from . import signals  # noqa: F401

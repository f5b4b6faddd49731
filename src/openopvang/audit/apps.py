from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "openopvang.audit"
    label = "audit"
    verbose_name = _("Audit log")

    def ready(self):
        from django.db.models.signals import post_migrate

        from .roles import grant_app_role

        post_migrate.connect(grant_app_role, sender=self, dispatch_uid="audit-grant-app-role")

"""API tokens end with the credentials they were issued under: a changed
password or a deactivation revokes the user's tokens, whichever path saved
the user (staff pages, admin, password reset). The work is in
services.revoke_tokens_of; this only notices the change."""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from .models import User


@receiver(pre_save, sender=User)
def _notice_credential_change(sender, instance, raw=False, update_fields=None, **kwargs):
    instance._revoke_tokens_reason = None
    if raw or instance.pk is None:
        return
    stored = User.objects.filter(pk=instance.pk).values("password", "is_active").first()
    if stored is None:
        return
    if stored["is_active"] and not instance.is_active:
        instance._revoke_tokens_reason = "deactivated"
    elif stored["password"] != instance.password:
        instance._revoke_tokens_reason = "password_changed"


@receiver(post_save, sender=User)
def _revoke_tokens(sender, instance, raw=False, **kwargs):
    reason = getattr(instance, "_revoke_tokens_reason", None)
    if raw or not reason:
        return
    instance._revoke_tokens_reason = None
    from . import services

    services.revoke_tokens_of(instance, reason)

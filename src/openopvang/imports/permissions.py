"""Who may import and export: the municipality's registry editors
(coordinators, caseworkers, administrators), who may change the records the
import writes (registry.permissions). Every row is checked again when it is
written (registry.services.save_record)."""

from openopvang.core.permissions import allowed_on_record, can_edit_registry
from openopvang.registry.permissions import require_registry_editor_of


def can_use_imports(user, municipality) -> bool:
    return can_edit_registry(user, municipality)


def can_see_job(user, job) -> bool:
    return allowed_on_record(user, job, can_edit_registry)


def require_import_editor(user, municipality) -> None:
    require_registry_editor_of(user, municipality)

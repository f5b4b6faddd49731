"""Victim for the isolation walk: an audit event of the victim municipality."""

from openopvang.audit import services as audit
from openopvang.core.testing.isolation import victim


@victim("audit.AuditEvent")
def _event(v):
    return audit.record(v["owner"], "view", v["registry.Person"])

"""The support services check the owning organisation, as the record is and
as it is stored."""

import pytest
from django.core.exceptions import PermissionDenied

from openopvang.support import permissions, services
from openopvang.support.models import Service

pytestmark = pytest.mark.django_db


def test_another_ngo_cannot_change_or_take_over_a_service(service, vwn, other_ngo_worker):
    owm = service("owm")
    title = owm.code
    owm.code = "changed"
    with pytest.raises(PermissionDenied, match="Only staff of the providing NGO"):
        services.save_service(other_ngo_worker, owm, {})
    owm.provider = other_ngo_worker.organisation
    with pytest.raises(PermissionDenied, match="Only staff of the providing NGO"):
        services.save_service(other_ngo_worker, owm, {})
    stored = Service.objects.get(pk=owm.pk)
    assert (stored.provider_id, stored.code) == (vwn.pk, title)


def test_the_roles_of_support(ngo_worker, other_ngo_worker, vwn, coordinator, finance_officer):
    assert permissions.is_ngo_worker(ngo_worker, vwn)
    assert not permissions.is_ngo_worker(other_ngo_worker, vwn)
    assert permissions.is_municipal_buyer(coordinator, coordinator.organisation)
    assert not permissions.is_municipal_approver(coordinator, coordinator.organisation)
    assert permissions.is_municipal_approver(finance_officer, finance_officer.organisation)
    assert not permissions.is_municipal_buyer(ngo_worker)

"""Victims for the project-wide isolation walk (core/testing/isolation.py):
the API token of the victim municipality's owner."""

from openopvang.core.testing.isolation import victim


@victim("accounts.ApiToken")
def _token(v):
    from openopvang.accounts.models import ApiToken

    return ApiToken.issue(v["owner"], "victim token")[0]


@victim("accounts.User")
def _colleague(v):
    from openopvang.accounts.models import Role
    from openopvang.core.testing import factories

    return factories.UserFactory(
        username="victim-colleague", organisation=v["municipality"], role=Role.CASEWORKER
    )

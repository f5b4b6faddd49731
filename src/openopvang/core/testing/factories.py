"""Every app's factories in one namespace, for tests that build records of
several capabilities (`factories.PersonFactory`, `factories.UserFactory`).
Each app keeps its own in `<app>/tests/factories.py`; a new app adds its
module here."""

from openopvang.accounts.tests.factories import *  # noqa: F403
from openopvang.casework.tests.factories import *  # noqa: F403
from openopvang.dedup.tests.factories import *  # noqa: F403
from openopvang.imports.tests.factories import *  # noqa: F403
from openopvang.letters.tests.factories import *  # noqa: F403
from openopvang.registry.tests.factories import *  # noqa: F403

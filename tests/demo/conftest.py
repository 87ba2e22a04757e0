"""The licensing tests' fixtures: the demo and scale loads write applications, so their files go to a temporary
storage, as in tests/licenses, and so do the demo showcase's photos."""

from tests.licenses.conftest import (  # noqa: F401  (fixtures; documents_storage is autouse)
    alice_family,
    charlie_family,
    documents_storage,
    draft,
    submitted,
)
from tests.showcase.conftest import showcase_storage  # noqa: F401  (autouse)

"""The licensing tests' fixtures: the demo and scale loads write applications, so their files go to a temporary
storage and the personas hash their passwords fast, as in tests/licenses."""

from tests.licenses.conftest import (  # noqa: F401  (fixtures; the first two are autouse)
    alice_family,
    charlie_family,
    documents_storage,
    draft,
    fast_password_hashing,
    submitted,
)

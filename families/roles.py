"""Who is who: families have no group; centre staff are in the Reviewers or Managers group."""

from django.utils.translation import gettext_lazy as _

REVIEWERS = "Reviewers"
MANAGERS = "Managers"
# The groups' names are keys (stored, looked up by code); staff read them in their language.
GROUP_LABELS = {REVIEWERS: _("Reviewers"), MANAGERS: _("Managers")}
# The role a person is given on the command line (create_staff --role) and the group it puts them in.
ROLE_GROUPS = {"reviewer": REVIEWERS, "manager": MANAGERS}


def group_label(name: str) -> str:
    """A group's name in the reader's language; a group staff made themselves is shown as they named it."""
    return str(GROUP_LABELS.get(name, name))


def _in_groups(user, names: set[str]) -> bool:
    if not (user.is_authenticated and user.is_active):
        return False
    if user.is_superuser:
        return True
    return user.is_staff and not names.isdisjoint(_group_names(user))


def _group_names(user) -> frozenset[str]:
    """The user's groups, read once for each user object (as Django keeps its permissions, `_perm_cache`): a page
    asks several times whether its reader reviews or manages."""
    if not hasattr(user, "_group_names"):
        user._group_names = frozenset(user.groups.values_list("name", flat=True))
    return user._group_names


def user_can_review(user) -> bool:
    """Reviewers act on applications; managers may too."""
    return _in_groups(user, {REVIEWERS, MANAGERS})


def user_is_manager(user) -> bool:
    """Managers see the dashboard, reports and exports, and edit the catalogue and fees."""
    return _in_groups(user, {MANAGERS})


def user_is_family(user) -> bool:
    return user.is_authenticated and user.is_active and not user.is_staff

"""How the portal joins words in the reader's language: lists and steps from one thing to the next.

Code that puts words together goes through these, never through a literal ", " or "→": in Arabic a list is
joined with «، » and a step from A to B reads «A ← B» (the arrow follows the reading direction).
"""

from collections.abc import Iterable

from django.utils.translation import pgettext_lazy

LIST_SEPARATOR = pgettext_lazy("between items of a list", ", ")
# Between groups that are lists themselves: «؛ » in Arabic.
GROUP_SEPARATOR = pgettext_lazy("between groups of a list", "; ")
# Between the start and the end of a step: two statuses, two dates. Arabic reads right to left: «←».
STEP_ARROW = pgettext_lazy("from the first to the second", "→")


def list_join(items: Iterable[object], *, groups: bool = False) -> str:
    """The items as one list in the active language: «أ، ب، ج» in Arabic, "a, b, c" in English; with `groups`,
    items that are lists themselves: «أ، ب؛ ج»."""
    return str(GROUP_SEPARATOR if groups else LIST_SEPARATOR).join(str(item) for item in items)


def step_between(first: object, second: object) -> str:
    """A step from `first` to `second` in the active language: «مسودة ← مقدَّم», "Draft → Submitted"."""
    return f"{first} {STEP_ARROW} {second}"

"""How the showcase's pages list names."""

from django import template

from intaj_portal.text import list_join

register = template.Library()


@register.filter
def names_joined(rows) -> str:
    """The rows' names as one list in the reader's language: «عطور، بخور» / "Perfumes, Incense"."""
    return list_join(row.name for row in rows)

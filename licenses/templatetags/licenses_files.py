"""How the licences app's pages show its documents' files."""

from django import template

from licenses.files import file_size as size_in_words

register = template.Library()


@register.filter
def file_size(size):
    """`{{ document.size|file_size }}`: "1.5 MB", «1.5 ميغابايت» (Django's `filesizeformat` says «1.5 م.ب»)."""
    return size_in_words(int(size))

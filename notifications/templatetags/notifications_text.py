"""How notification text is shown on the portal's pages."""

import re

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()

# References and licence numbers (ETM-2026-000042, SHJ-ETM-0042): Latin codes joined by hyphens.
_CODE = re.compile(r"\b[A-Z]{2,}(?:-[0-9A-Z]+)+\b")


@register.filter
def isolate_codes(text):
    """Keep each reference whole and left to right inside Arabic text: a line never breaks at its hyphens, which
    the bidirectional algorithm would otherwise move to the wrong end of the line."""
    escaped = str(conditional_escape(text))  # the codes matched are letters, digits and hyphens: nothing to escape
    return mark_safe(_CODE.sub(lambda code: f'<bdi dir="ltr" class="text-nowrap">{code.group(0)}</bdi>', escaped))

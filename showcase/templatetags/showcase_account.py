"""The showcase's part of the family's account page (the families app cannot import the showcase)."""

from django import template
from django.utils import timezone

from showcase.selectors import licence_showcase_list

register = template.Library()


@register.inclusion_tag("showcase/_family_showcase.html")
def family_showcase(user):
    """`{% family_showcase user %}`: each of the family's licences and its showcase entry; nothing without one."""
    return {"rows": licence_showcase_list(user=user, today=timezone.localdate())}

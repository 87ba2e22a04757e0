"""The benefits app's part of the family's account page (the families app cannot import benefits)."""

from django import template

from benefits.selectors import family_benefits_summary as summary_of
from benefits.selectors.follow_up import follow_up_list_for_family

register = template.Library()


@register.inclusion_tag("benefits/_family_benefits.html")
def family_benefits_summary(user):
    """`{% family_benefits_summary user %}`: the family's booth applications and enrolments, or where to find them,
    and the shared part of its follow-up files (if the centre follows its project)."""
    return {"summary": summary_of(user=user), "follow_ups": follow_up_list_for_family(user=user)}

"""The licences app's part of the family's account page (the families app cannot import licenses)."""

from django import template

from licenses.selectors import family_applications_summary as summary_of

register = template.Library()


@register.inclusion_tag("licenses/_family_summary.html")
def family_applications_summary(profile):
    """`{% family_applications_summary profile %}`: the family's applications and licences, or how to start."""
    return {"profile": profile, "summary": summary_of(family=profile) if profile else None}

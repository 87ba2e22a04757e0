"""The benefits app's part of the admin home: a reviewer's next steps due this week and overdue."""

from django import template

from benefits.selectors.follow_up import next_step_counts_for_reviewer
from families.roles import user_can_review

register = template.Library()


@register.inclusion_tag("admin/benefits/_follow_up_home.html")
def follow_up_steps_home(user):
    """`{% follow_up_steps_home user %}`: for a reviewer, how many next steps of its families are due this week and
    overdue, each linked to the list they count (one query); nothing for anybody else."""
    if not (user_can_review(user) and user.has_perm("benefits.view_contact")):
        return {"counts": None}
    return {"counts": next_step_counts_for_reviewer(user=user)}

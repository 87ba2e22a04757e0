"""What the staff groups may do with the incubation follow-up.

Reviewers and managers keep the follow-up files: they open them, record visits and calls, goals and their progress,
and referrals, and close a file. Nobody deletes any of it (the family's timeline and the audit keep it). Managers
keep the list of partner programmes; reviewers choose from it.
"""

from django.db import migrations

from intaj_portal.migration_tools import group_permissions_grant

REVIEWERS = [
    "view_followupfile",
    "add_followupfile",
    "change_followupfile",
    "view_contact",
    "add_contact",
    "change_contact",
    "view_goal",
    "add_goal",
    "change_goal",
    "view_goalprogress",
    "view_referral",
    "add_referral",
    "change_referral",
    "view_partner",
]
MANAGERS = [*REVIEWERS, "add_partner", "change_partner"]
GROUPS = {"Reviewers": {"benefits": REVIEWERS}, "Managers": {"benefits": MANAGERS}}


def load(apps, schema_editor):
    group_permissions_grant(apps, GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0004_follow_up"),
        ("families", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

"""What the staff groups may do with the benefits.

Reviewers see exhibitions, courses, booth applications and enrolments, decide booth applications
(`decide_boothapplication`) and keep the attendance of exhibitions and course sessions. Managers may do the same, and
they publish exhibitions and courses. Nobody edits a booth application's or an enrolment's status as a field: the
admin offers the process's steps instead.
"""

from django.db import migrations

from intaj_portal.migration_tools import group_permissions_grant

REVIEWERS = [
    "view_exhibition",
    "view_boothapplication",
    "decide_boothapplication",
    "record_booth_attendance",
    "view_boothapplicationevent",
    "view_course",
    "view_coursesession",
    "view_enrolment",
    "view_enrolmentevent",
    "record_course_attendance",
    "view_sessionattendance",
]
MANAGERS = [
    *REVIEWERS,
    "add_exhibition",
    "change_exhibition",
    "add_course",
    "change_course",
    "add_coursesession",
    "change_coursesession",
    "delete_coursesession",
]
GROUPS = {"Reviewers": {"benefits": REVIEWERS}, "Managers": {"benefits": MANAGERS}}


def load(apps, schema_editor):
    group_permissions_grant(apps, GROUPS)


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0001_initial"),
        ("families", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

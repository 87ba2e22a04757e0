"""Celery beat's schedule for the benefits app, as a row staff can see and change in the admin.

The reminders of tomorrow's course sessions go out at 09:00 Sharjah time every day (Friday's and Saturday's sessions
too: courses may be held on any day).
"""

from django.db import migrations

REMINDERS = {
    "name": "Remind families of tomorrow's course sessions",
    "task": "benefits.tasks.session_reminders",
    "when": {"minute": "0", "hour": "9", "day_of_week": "*"},
}


def load(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    crontab, _ = CrontabSchedule.objects.get_or_create(
        day_of_month="*", month_of_year="*", timezone="Asia/Dubai", **REMINDERS["when"]
    )
    PeriodicTask.objects.get_or_create(name=REMINDERS["name"], defaults={"task": REMINDERS["task"], "crontab": crontab})


def unload(apps, schema_editor):
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name=REMINDERS["name"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("benefits", "0002_staff_permissions"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(load, unload)]

"""Celery beat's schedules for the licences app, as rows staff can see and change in the admin.

Times are Sharjah time: reminders and the expiry run early each morning, the digest at the start of each working
day (Monday to Friday), the fee-assessment relay every minute.
"""

from django.db import migrations

DAILY = [
    ("Mark expired licences", "licenses.tasks.licences_expire", {"minute": "5", "hour": "0", "day_of_week": "*"}),
    (
        "Send licence renewal reminders",
        "licenses.tasks.licence_reminders",
        {"minute": "0", "hour": "8", "day_of_week": "*"},
    ),
    (
        "E-mail the overdue applications digest",
        "licenses.tasks.overdue_digest",
        {"minute": "30", "hour": "7", "day_of_week": "1-5"},
    ),
]
RELAY = ("Relay pending fee assessments", "licenses.tasks.fee_assessments_relay")


def load(apps, schema_editor):
    CrontabSchedule = apps.get_model("django_celery_beat", "CrontabSchedule")
    IntervalSchedule = apps.get_model("django_celery_beat", "IntervalSchedule")
    PeriodicTask = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, when in DAILY:
        crontab, _ = CrontabSchedule.objects.get_or_create(
            day_of_month="*", month_of_year="*", timezone="Asia/Dubai", **when
        )
        PeriodicTask.objects.get_or_create(name=name, defaults={"task": task, "crontab": crontab})
    every_minute, _ = IntervalSchedule.objects.get_or_create(every=1, period="minutes")
    PeriodicTask.objects.get_or_create(name=RELAY[0], defaults={"task": RELAY[1], "interval": every_minute})


def unload(apps, schema_editor):
    names = [name for name, _task, _when in DAILY] + [RELAY[0]]
    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(name__in=names).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("licenses", "0004_fee_assessment"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(load, unload)]

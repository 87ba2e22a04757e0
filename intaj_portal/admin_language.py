"""The few words of Django's admin and of django-axes that no catalogue can translate, said in the reader's language.

- Django draws a boolean column or read-only field as `<img alt="True">`: a screen reader says "True" on an Arabic
  page. Every caller imports `admin_list._boolean_icon` at call time, so it is replaced by one that says «نعم»,
  «لا» or «غير معروف».
- django-axes names its rows in English f-strings ("Access Log for … @ …"), and django-celery-beat its scheduled
  jobs by their stored English names and crontabs by their cron expression, shown as the title and breadcrumb of
  their admin pages. Their `__str__` is replaced; the models and their migrations are untouched.
- A permission's name is stored in English when it is created ("Can add licence"): `permission_label` says it in
  the reader's language for the permission lists of a group and a user.

The rest of the third-party apps' words are translated in `locale/third_party` (see settings.LOCALE_PATHS).
"""

import functools

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.apps import apps
from django.contrib.admin.templatetags import admin_list
from django.contrib.auth.models import Permission
from django.templatetags.static import static
from django.utils import formats
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_celery_beat.models import CrontabSchedule, PeriodicTask

ICONS = {True: ("yes", _("Yes")), False: ("no", _("No")), None: ("unknown", _("Unknown"))}
# The scheduled jobs the portal's migrations create, by their stored name (a key: never renamed).
SCHEDULE_NAMES = {
    "Mark expired licences": _("Mark expired licences"),
    "Send licence renewal reminders": _("Send licence renewal reminders"),
    "E-mail the overdue applications digest": _("E-mail the overdue applications digest"),
    "Relay pending fee assessments": _("Relay pending fee assessments"),
    "Relay the notification outbox": _("Relay the notification outbox"),
    "Remind families of tomorrow's course sessions": _("Remind families of tomorrow's course sessions"),
}
WEEKDAYS = {"*": _("Every day at %(time)s"), "1-5": _("Monday to Friday at %(time)s")}
# The portal's own time zone said in words; another is shown by its IANA name.
TIME_ZONE_NAMES = {"Asia/Dubai": _("UAE time")}
PERMISSION_ACTIONS = {
    "add": _("Can add: %(model)s"),
    "change": _("Can change: %(model)s"),
    "delete": _("Can delete: %(model)s"),
    "view": _("Can view: %(model)s"),
}


def boolean_icon(field_val) -> str:
    icon, text = ICONS[field_val]
    return format_html('<img src="{}" alt="{}">', _icon_url(icon), text)


@functools.cache
def _icon_url(icon: str) -> str:
    # Asked for each row of a list with a yes/no column: the static files' address does not change while running.
    return static(f"admin/img/icon-{icon}.svg")


def _sign_in_label(row) -> str:
    return gettext("Sign-in of %(username)s on %(time)s") % {
        "username": row.username or "—",
        "time": formats.date_format(row.attempt_time, "DATETIME_FORMAT"),
    }


def schedule_name(task: PeriodicTask) -> str:
    """A scheduled job's name in the reader's language; a job staff added is shown as they named it."""
    return str(SCHEDULE_NAMES.get(task.name, task.name))


def crontab_expression(crontab: CrontabSchedule) -> str:
    """The five fields of a crontab: minute, hour, day of the month, month, day of the week."""
    return " ".join([crontab.minute, crontab.hour, crontab.day_of_month, crontab.month_of_year, crontab.day_of_week])


def crontab_describe(crontab: CrontabSchedule | None) -> str:
    """When a crontab runs, in a sentence: «Every day at 00:05 (Asia/Dubai)»; a schedule of another shape is
    shown as its cron expression. (django-celery-beat's own description comes from cron_descriptor, which has no
    Arabic.)"""
    if crontab is None:
        return ""
    daily = crontab.day_of_month == "*" and crontab.month_of_year == "*"
    if daily and crontab.minute.isdigit() and crontab.hour.isdigit() and crontab.day_of_week in WEEKDAYS:
        when = WEEKDAYS[crontab.day_of_week] % {"time": f"{int(crontab.hour):02d}:{int(crontab.minute):02d}"}
    else:
        when = crontab_expression(crontab)
    zone = TIME_ZONE_NAMES.get(str(crontab.timezone), crontab.timezone)
    return gettext("%(when)s (%(timezone)s)") % {"when": when, "timezone": zone}


def permission_label(permission: Permission) -> str:
    """«الرخص | رخصة | إضافة: رخصة»: the app, the model and what the permission allows, in the reader's language.
    A model's own permissions are said from its translated name; a custom one by its translated name."""
    model = permission.content_type.model_class()
    if model is None:
        return str(permission)
    action, _sep, model_name = permission.codename.partition("_")
    subject = _model_subject(model)
    if action in PERMISSION_ACTIONS and model_name == model._meta.model_name:
        what = PERMISSION_ACTIONS[action] % {"model": subject}
    else:
        what = gettext(permission.name)
    return f"{apps.get_app_config(model._meta.app_label).verbose_name} | {subject} | {what}"


def _model_subject(model) -> str:
    """A model's name for staff; a many-to-many table as its owner's field; the history tables of
    django-simple-history as the history of what they record (its own names for them are English)."""
    recorded = getattr(model, "instance_type", model)
    owner = recorded._meta.auto_created
    if owner:
        field = next(field for field in owner._meta.many_to_many if field.remote_field.through is recorded)
        name = f"{owner._meta.verbose_name}: {field.verbose_name}"
    else:
        name = str(recorded._meta.verbose_name)
    return name if recorded is model else gettext("history of %(model)s") % {"model": name}


class PermissionLabelsMixin:
    """A ModelAdmin whose permission lists say each permission with `permission_label`."""

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.related_model is Permission:
            formfield.queryset = formfield.queryset.select_related("content_type")
            formfield.label_from_instance = permission_label
        return formfield


def install() -> None:
    admin_list._boolean_icon = boolean_icon
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.__str__ = _sign_in_label
    PeriodicTask.__str__ = schedule_name
    CrontabSchedule.__str__ = crontab_describe

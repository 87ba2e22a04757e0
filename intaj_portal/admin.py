"""django-celery-beat's admin in the staff's words: its schedules said in a sentence of the reader's language, the
portal's own scheduled jobs under their translated names, and the columns it labels in English.

django-celery-beat describes a crontab with cron_descriptor, which has no Arabic ("At 12:05 AM"), and labels a few
columns with plain English strings ("Task Name", "Human readable"). Its admin classes are subclassed here and
registered again on the portal's site; the models are untouched.
"""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_celery_beat import admin as beat_admin
from django_celery_beat.models import ClockedSchedule, CrontabSchedule, IntervalSchedule, PeriodicTask, SolarSchedule

from intaj_portal.admin_language import crontab_describe, crontab_expression, schedule_name


class PeriodicTaskInline(beat_admin.PeriodicTaskInline):
    fields = ("job", "job_task", "args", "kwargs")
    readonly_fields = fields

    @admin.display(description=_("Name"))
    def job(self, task):
        return schedule_name(task)

    @admin.display(description=_("Task"))
    def job_task(self, task):
        return task.task


class ScheduleAdmin(admin.ModelAdmin):
    inlines = [PeriodicTaskInline]


class CrontabScheduleAdmin(ScheduleAdmin, beat_admin.CrontabScheduleAdmin):
    list_display = ("in_words", "expression")
    fields = ("in_words", "minute", "hour", "day_of_month", "month_of_year", "day_of_week", "timezone")
    readonly_fields = ("in_words",)

    @admin.display(description=_("In words"))
    def in_words(self, crontab):
        return crontab_describe(crontab)

    @admin.display(description=_("cron expression"))
    def expression(self, crontab):
        return crontab_expression(crontab)


class PeriodicTaskAdmin(beat_admin.PeriodicTaskAdmin):
    list_display = ("job", "enabled", "schedule", "interval", "start_time", "last_run_at", "one_off")
    # Not by task: django-celery-beat titles that filter with an untranslatable "Task Name".
    list_filter = ["enabled", "one_off", "start_time", "last_run_at"]
    readonly_fields = ("last_run_at", "crontab_translation")

    @admin.display(description=_("Name"), ordering="name")
    def job(self, task):
        return schedule_name(task)

    @admin.display(description=_("Schedule"))
    def schedule(self, task):
        return crontab_describe(task.crontab) if task.crontab else task.scheduler

    @admin.display(description=_("In words"))
    def crontab_translation(self, task):
        return crontab_describe(task.crontab)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        # The schedule shown in words under the crontab list as staff pick one (static/js/periodic_task_form.js).
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if getattr(response, "context_data", None) and "readable_crontabs" in response.context_data:
            response.context_data["readable_crontabs"] = {
                crontab.pk: crontab_describe(crontab) for crontab in CrontabSchedule.objects.all()
            }
        return response


for model, model_admin in [
    (PeriodicTask, PeriodicTaskAdmin),
    (CrontabSchedule, CrontabScheduleAdmin),
    (IntervalSchedule, type("IntervalScheduleAdmin", (ScheduleAdmin,), {})),
    (ClockedSchedule, type("ClockedScheduleAdmin", (ScheduleAdmin, beat_admin.ClockedScheduleAdmin), {})),
    (SolarSchedule, type("SolarScheduleAdmin", (ScheduleAdmin,), {})),
]:
    if admin.site.is_registered(model):
        admin.site.unregister(model)
    admin.site.register(model, model_admin)

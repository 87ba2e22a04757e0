"""Incubation and follow-up of a licence holder's project: the centre's file per licence, its visits and calls (with
notes for staff only, advice shared with the family, and a next step the family answers), the goals agreed with the
family and their progress, and referrals to partner programmes.

What the family sees is everything except `Contact.staff_notes`: the selectors that feed the family's pages and
the notifications never read that field.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from licenses.models import Licence, documents_storage
from packages_catalog.models import BilingualName

ANSWER_PHOTO_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg"}


def answer_photo_upload_to(instance: "Contact", filename: str) -> str:
    """The name the answer service made (`follow-up/<file>/step-<contact>.<ext>`), never the uploaded one."""
    return filename


class FollowUpFile(models.Model):
    """The centre's follow-up file of one family project: one per licence, opened by staff."""

    licence = models.OneToOneField(
        Licence, on_delete=models.PROTECT, related_name="follow_up_file", verbose_name=_("licence")
    )
    opened_on = models.DateField(_("opened on"), default=timezone.localdate)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("opened by")
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("closed by"),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # Who opened, closed and reopened the file, and when.
    history = HistoricalRecords()

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("follow-up file")
        verbose_name_plural = _("follow-up files")
        indexes = [models.Index(fields=["closed_on", "opened_on"], name="follow_up_file_open")]

    def __str__(self):
        return str(_("Follow-up of %(licence)s") % {"licence": self.licence.number})

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class ContactKind(models.TextChoices):
    VISIT = "visit", _("Home visit")
    CALL = "call", _("Phone call")
    MEETING = "meeting", _("Meeting at the centre")
    MESSAGE = "message", _("Written message")


class Contact(models.Model):
    """A visit, call or meeting of a staff member with the family: what staff noted for themselves, the advice
    shared with the family, and the next step agreed, with its due date and the family's answer."""

    Kind = ContactKind

    file = models.ForeignKey(FollowUpFile, on_delete=models.PROTECT, related_name="contacts", verbose_name=_("file"))
    kind = models.CharField(_("kind"), max_length=10, choices=ContactKind.choices, default=ContactKind.VISIT)
    happened_on = models.DateField(_("date"), default=timezone.localdate)
    staff_member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("staff member")
    )
    # Never shown to the family, never in a notification: the family's selectors do not read it.
    staff_notes = models.TextField(
        _("notes for staff only"),
        blank=True,
        max_length=4000,
        help_text=_("Staff only: never shown to the family, never sent in a message."),
    )
    advice = models.TextField(
        _("advice shared with the family"),
        blank=True,
        max_length=2000,
        help_text=_("The family reads it on its account page and is notified."),
    )
    next_step = models.CharField(
        _("next step"),
        max_length=300,
        blank=True,
        help_text=_("What the family agreed to do next; it can answer when it is done."),
    )
    next_step_due_on = models.DateField(_("next step due on"), null=True, blank=True)
    answered_at = models.DateTimeField(_("family answered"), null=True, blank=True)
    answer_note = models.TextField(_("family's note"), blank=True, max_length=1000)
    answer_photo = models.FileField(
        _("family's photo"), storage=documents_storage, upload_to=answer_photo_upload_to, max_length=200, blank=True
    )
    answer_photo_type = models.CharField(_("photo type"), max_length=20, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-happened_on", "-id"]
        verbose_name = _("visit or call")
        verbose_name_plural = _("visits and calls")
        indexes = [
            models.Index(fields=["file", "happened_on"], name="follow_up_contact_file"),
            # The next steps still waiting for the family: the reviewers' list, the digest and the dashboard.
            models.Index(
                fields=["next_step_due_on"],
                condition=Q(answered_at__isnull=True) & ~Q(next_step=""),
                name="follow_up_step_waiting",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(next_step="") | Q(next_step_due_on__isnull=False),
                name="follow_up_step_has_due_date",
                violation_error_message=_("A next step needs its due date."),
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.happened_on:%Y-%m-%d}"

    @property
    def has_next_step(self) -> bool:
        return bool(self.next_step)


class Goal(models.Model):
    """A goal agreed with the family ("sell online", "a new product line"), with its progress in percent; each
    change of progress is a `GoalProgress` row the family sees."""

    file = models.ForeignKey(FollowUpFile, on_delete=models.PROTECT, related_name="goals", verbose_name=_("file"))
    title = models.CharField(_("goal agreed with the family"), max_length=200)
    agreed_on = models.DateField(_("agreed on"), default=timezone.localdate)
    target_on = models.DateField(_("target date"), null=True, blank=True)
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)], help_text=_("From 0 to 100.")
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["agreed_on", "id"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [models.CheckConstraint(condition=Q(progress__lte=100), name="follow_up_goal_progress_percent")]

    def __str__(self):
        return self.title

    @property
    def stage(self) -> str:
        if self.progress >= 100:
            return str(_("Reached"))
        return str(_("Under way")) if self.progress else str(_("Agreed"))


class GoalProgress(models.Model):
    """One step of a goal's progress: the percent reached on a day, and what staff told the family about it."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress_steps", verbose_name=_("goal"))
    percent = models.PositiveSmallIntegerField(_("progress (%)"), validators=[MaxValueValidator(100)])
    note = models.CharField(_("note shared with the family"), max_length=300, blank=True)
    recorded_on = models.DateField(_("recorded on"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )

    class Meta:
        ordering = ["recorded_on", "id"]
        verbose_name = _("goal progress")
        verbose_name_plural = _("goal progress")

    def __str__(self):
        return f"{self.goal} · {self.percent}%"


class Partner(BilingualName):
    """A partner programme the centre refers families to (a bank's micro-loans, a marketplace, a trade fair)."""

    is_active = models.BooleanField(_("active"), default=True, help_text=_("Offered for new referrals."))
    history = HistoricalRecords()

    class Meta:
        ordering = ["name_en", "id"]
        verbose_name = _("partner programme")
        verbose_name_plural = _("partner programmes")


class ReferralOutcome(models.TextChoices):
    PENDING = "pending", _("Waiting for the partner's answer")
    ACCEPTED = "accepted", _("Accepted by the partner")
    DECLINED = "declined", _("Not accepted by the partner")
    COMPLETED = "completed", _("Completed")


class Referral(models.Model):
    """The centre referred the family to a partner programme: when, and what came of it."""

    Outcome = ReferralOutcome

    file = models.ForeignKey(FollowUpFile, on_delete=models.PROTECT, related_name="referrals", verbose_name=_("file"))
    partner = models.ForeignKey(Partner, on_delete=models.PROTECT, related_name="+", verbose_name=_("partner"))
    referred_on = models.DateField(_("referred on"), default=timezone.localdate)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=ReferralOutcome.choices, default=ReferralOutcome.PENDING
    )
    outcome_note = models.CharField(_("outcome, as the family reads it"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["referred_on", "id"]
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")

    def __str__(self):
        return f"{self.partner} · {self.referred_on:%Y-%m-%d}"

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from benefits.models.base import PlaceRequest, StepEvent
from benefits.models.workflow import ENROLMENT_FAMILY_LABELS, EnrolmentStatus, Until
from families.models import FamilyProfile
from packages_catalog.models import Package, in_current_language


class Audience(models.TextChoices):
    LICENCE_HOLDERS = "licence_holders", _("Licence holders only")
    FAMILIES = "families", _("Any registered family")


class Course(models.Model):
    """A free training course of the centre, held in one or more sessions."""

    Audience = Audience

    title_ar = models.CharField(_("title (Arabic)"), max_length=150)
    title_en = models.CharField(_("title (English)"), max_length=150)
    description_ar = models.TextField(_("description (Arabic)"))
    description_en = models.TextField(_("description (English)"))
    package = models.ForeignKey(
        Package,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("package"),
        help_text=_(
            "Leave empty for a course of every package. For licence holders only, the licence must be of this package."
        ),
    )
    audience = models.CharField(_("who may enrol"), max_length=20, choices=Audience.choices)
    place_ar = models.CharField(_("place (Arabic)"), max_length=200, blank=True)
    place_en = models.CharField(_("place (English)"), max_length=200, blank=True)
    online_link = models.URLField(
        _("online link"), blank=True, help_text=_("Given to enrolled families only, for a course held online.")
    )
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MinValueValidator(1)])
    is_published = models.BooleanField(
        _("published"), default=False, help_text=_("Shown on the portal and open for enrolment.")
    )
    # The first session's start and the last one's end, kept by `services.course_sessions_saved`.
    starts_at = models.DateTimeField(_("first session"), null=True, blank=True, editable=False)
    ends_at = models.DateTimeField(_("last session ends"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("training course")
        verbose_name_plural = _("training courses")
        permissions = [("record_course_attendance", _("Can record who attended a course's sessions"))]
        indexes = [models.Index(fields=["is_published", "starts_at"], name="course_published_start")]
        constraints = [
            models.CheckConstraint(condition=Q(seats__gte=1), name="course_has_seats"),
            models.CheckConstraint(
                condition=~Q(place_ar="", online_link="") | Q(is_published=False), name="course_has_place_or_link"
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def title(self) -> str:
        return in_current_language(self.title_ar, self.title_en)

    @property
    def description(self) -> str:
        return in_current_language(self.description_ar, self.description_en)

    @property
    def place(self) -> str:
        return in_current_language(self.place_ar, self.place_en)

    def closes_at(self, until: Until) -> datetime.datetime | None:
        """Families enrol and cancel until BENEFITS_COURSE_CUTOFF_HOURS before the first session; None before the
        course has a session."""
        if self.starts_at is None:
            return None
        if until == Until.DEADLINE:
            return self.starts_at - datetime.timedelta(hours=settings.BENEFITS_COURSE_CUTOFF_HOURS)
        return self.starts_at


class CourseSession(models.Model):
    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("course"))
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        indexes = [models.Index(fields=["starts_at"], name="course_session_start")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=F("starts_at")), name="course_session_ends_after_start")
        ]

    def __str__(self):
        return f"{self.course} · {timezone.localtime(self.starts_at):%Y-%m-%d %H:%M}"

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A session ends after it starts.")})


class Enrolment(PlaceRequest):
    """A family's enrolment in a course: one per family and course (a cancelled one is taken up again)."""

    Status = EnrolmentStatus

    course = models.ForeignKey(Course, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("course"))
    family = models.ForeignKey(
        FamilyProfile, on_delete=models.PROTECT, related_name="enrolments", verbose_name=_("family")
    )
    status = models.CharField(_("status"), max_length=20, choices=EnrolmentStatus.choices)

    class Meta:
        ordering = ["queued_at", "id"]
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        constraints = [
            models.UniqueConstraint(
                fields=["course", "family"],
                name="one_enrolment_per_family",
                violation_error_message=_("This family is already enrolled in this course."),
            )
        ]
        indexes = [models.Index(fields=["course", "status", "queued_at"], name="enrolment_queue")]

    def __str__(self):
        return f"{self.course} · {self.family}"

    @property
    def parent(self) -> Course:
        return self.course

    @property
    def family_status_label(self) -> str:
        return ENROLMENT_FAMILY_LABELS[EnrolmentStatus(self.status)]


class EnrolmentEvent(StepEvent):
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="events", verbose_name=_("enrolment")
    )
    from_status = models.CharField(_("from"), max_length=20, choices=EnrolmentStatus.choices, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=EnrolmentStatus.choices)

    class Meta(StepEvent.Meta):
        verbose_name = _("enrolment step")
        verbose_name_plural = _("enrolment steps")


class SessionAttendance(models.Model):
    """Whether an enrolled family came to one session, as staff recorded it on the session's register."""

    session = models.ForeignKey(
        CourseSession, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("session")
    )
    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("enrolment")
    )
    present = models.BooleanField(_("present"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("recorded by")
    )
    recorded_at = models.DateTimeField(_("recorded"))

    class Meta:
        verbose_name = _("session attendance")
        verbose_name_plural = _("session attendance")
        constraints = [
            models.UniqueConstraint(fields=["session", "enrolment"], name="one_attendance_per_session_and_enrolment")
        ]

    def __str__(self):
        return f"{self.session} · {self.enrolment.family}"

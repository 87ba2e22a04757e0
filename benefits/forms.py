"""The benefits' forms: the family's booth application and its answer to a next step of its follow-up, and the
staff's step, attendance, register and follow-up forms."""

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from benefits.files import answer_photo_check, cover_file_check
from benefits.models import BoothApplication, Contact, Course, Exhibition, Goal, Step
from licenses.files import file_size


class BoothApplicationForm(forms.Form):
    products = forms.CharField(
        label=_("Products your family will show"),
        max_length=BoothApplication._meta.get_field("products").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: oud blends, bukhoor and perfume oils in gift boxes."),
        error_messages={"required": _("Say which products your family will show.")},
    )


class StaffStepForm(forms.Form):
    """What a reviewer writes with a step; a reason is required where the step says so."""

    reason = forms.CharField(
        label=_("Message to the family"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The family reads it with the notification."),
    )
    notify_family = forms.BooleanField(
        label=_("Notify the family (portal, e-mail and SMS)"), required=False, initial=True
    )

    def __init__(self, *args, step: Step, **kwargs):
        super().__init__(*args, **kwargs)
        if step.needs_reason:
            self.fields["reason"].required = True
            self.fields["reason"].label = _("Reason, written to the family")


class BoothAttendanceForm(forms.Form):
    attended = forms.TypedChoiceField(
        label=_("Did the family come?"),
        choices=[("yes", _("Yes, it came")), ("no", _("No, it did not come"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    sales = forms.DecimalField(
        label=_("Sales the family reported (AED)"),
        required=False,
        min_value=0,
        max_digits=10,
        decimal_places=2,
        help_text=_("Leave empty if the family did not report them."),
    )


class RegisterForm(forms.Form):
    """A session's register: the families holding a seat, ticked when they came."""

    present = forms.MultipleChoiceField(
        label=_("Present"), required=False, widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args, enrolments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["present"].choices = [(str(enrolment.pk), enrolment.family.full_name) for enrolment in enrolments]

    def clean_present(self) -> list[int]:
        return [int(value) for value in self.cleaned_data["present"]]


class ExhibitionAdminForm(forms.ModelForm):
    """The dates in order, as the database checks them too, with a message a manager can act on."""

    class Meta:
        model = Exhibition
        fields = [
            "name_ar",
            "name_en",
            "description_ar",
            "description_en",
            "venue_ar",
            "venue_en",
            "starts_on",
            "ends_on",
            "application_deadline",
            "booths",
            "packages",
            "cover",
            "is_published",
        ]

    def clean_cover(self):
        """A new cover is checked here, so the manager sees the refusal beside the field (the service checks it too)."""
        cover = self.cleaned_data.get("cover")
        if cover and hasattr(cover, "content_type"):
            cover_file_check(cover)
        return cover

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        deadline = cleaned.get("application_deadline")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The last day must not be before the first day."))
        if starts_on and deadline and deadline >= starts_on:
            self.add_error("application_deadline", _("The last day to apply must be before the first day."))
        return cleaned


def _https_by_default(field, **kwargs):
    """A link typed without its scheme is taken as https (Django 6's default, chosen now)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class CourseAdminForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = [
            "title_ar",
            "title_en",
            "description_ar",
            "description_en",
            "package",
            "audience",
            "place_ar",
            "place_en",
            "online_link",
            "seats",
            "is_published",
        ]
        formfield_callback = _https_by_default

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("is_published") and not cleaned.get("place_ar") and not cleaned.get("online_link"):
            self.add_error("place_ar", _("Give the place, or the online link, before publishing the course."))
        if cleaned.get("place_ar") and not cleaned.get("place_en"):
            self.add_error("place_en", _("Give the place in English too."))
        return cleaned


class NextStepAnswerForm(forms.Form):
    """The family says a next step is done: a note, a photo, or both. The photo is checked as documents are."""

    note = forms.CharField(
        label=_("A note for the centre"),
        required=False,
        max_length=Contact._meta.get_field("answer_note").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What your family did, in a few words."),
    )
    photo = forms.FileField(
        label=_("A photo (optional)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.photo_type = ""
        self.fields["photo"].help_text = _("A JPEG or PNG photo, up to %(limit)s.") % {
            "limit": file_size(settings.DOCUMENT_MAX_BYTES)
        }

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo:
            self.photo_type = answer_photo_check(photo)
        return photo

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("note", "").strip() and not cleaned.get("photo"):
            raise forms.ValidationError(_("Please add a note or a photo."), code="answer_empty")
        return cleaned


class GoalInlineForm(forms.ModelForm):
    """A goal and its progress; a note about the progress is shown to the family with it."""

    progress_note = forms.CharField(
        label=_("Progress note shared with the family"),
        required=False,
        max_length=300,
        help_text=_("Saved with this progress in the goal's history."),
    )

    class Meta:
        model = Goal
        fields = ["title", "agreed_on", "target_on", "progress"]

"""The licence holder's showcase form, the public showcase's filters, and the reviewer's refusal."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from families.emirates_id import EASTERN_DIGITS
from families.mobile import uae_mobile_normalize
from intaj_portal.inputs import IdField, ModelMultipleIdChoiceField
from packages_catalog.models import Activity
from showcase.photos import photo_file_check
from showcase.services import MAX_PHOTOS

# A UAE number a customer can call: a mobile or a landline (06 … in Sharjah), stored in international form.
_PHONE = re.compile(r"^(?:\+971|00971|971|0)([2-9][0-9]{7,8})$")
_INSTAGRAM = re.compile(r"^(?:https?://)?(?:www\.)?(?:instagram\.com/)?@?([A-Za-z0-9._]{1,30})/?$")
DESCRIPTION_MAX = 600


def uae_phone_normalize(raw: str) -> str:
    digits = re.sub(r"[\s\-().]", "", (raw or "").translate(EASTERN_DIGITS))
    match = _PHONE.match(digits)
    if not match:
        raise ValidationError(_("Enter a UAE phone number, for example +971 6 123 4567."), code="phone_format")
    return f"+971{match.group(1)}"


def instagram_normalize(raw: str) -> str:
    match = _INSTAGRAM.match((raw or "").strip())
    if not match or ".." in match.group(1) or match.group(1).startswith("."):
        raise ValidationError(
            _("Enter the Instagram account name, for example @intaj.sharjah, or its address."), code="instagram"
        )
    return match.group(1)


class MultiplePhotoInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class PhotosField(forms.FileField):
    """Several photos at once, each checked as a document and as an image."""

    widget = MultiplePhotoInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update(accept="image/jpeg,image/png")

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if len(files) > MAX_PHOTOS:
            raise ValidationError(
                _("An entry shows at most %(count)s photos."), code="too_many_photos", params={"count": MAX_PHOTOS}
            )
        cleaned = [super(PhotosField, self).clean(file, initial) for file in files]
        for file in cleaned:
            photo_file_check(file)
        return cleaned


class EntryForm(forms.Form):
    show_trade_name = forms.BooleanField(label=_("Show the licence's trade name"), required=False, initial=True)
    activities = ModelMultipleIdChoiceField(
        label=_("Activities to show"),
        queryset=Activity.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description_ar = forms.CharField(
        label=_("Description (Arabic)"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "rtl", "lang": "ar"}),
        help_text=_("What you make and sell, in a few sentences."),
    )
    description_en = forms.CharField(
        label=_("Description (English)"),
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "dir": "ltr", "lang": "en"}),
    )
    # Numbers, accounts and addresses read left to right, also on an Arabic page.
    phone = forms.CharField(
        label=_("Phone"), required=False, max_length=30, widget=forms.TextInput(attrs={"dir": "ltr", "type": "tel"})
    )
    whatsapp = forms.CharField(
        label=_("WhatsApp"),
        required=False,
        max_length=30,
        help_text=_("A UAE mobile number."),
        widget=forms.TextInput(attrs={"dir": "ltr", "type": "tel"}),
    )
    instagram = forms.CharField(
        label=_("Instagram account"), required=False, max_length=60, widget=forms.TextInput(attrs={"dir": "ltr"})
    )
    web_shop = forms.URLField(
        label=_("Web shop"),
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["https"])],
        widget=forms.URLInput(attrs={"dir": "ltr"}),
        help_text=_("Its address, starting with https://"),
    )
    photos = PhotosField(
        label=_("Add product photos"),
        help_text=_("JPEG or PNG; at most 8 photos in all. Camera details and location are removed."),
    )
    remove_photos = forms.TypedMultipleChoiceField(
        label=_("Remove these photos"), required=False, coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, licence, photos=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = licence.activities.order_by("display_order", "pk")
        self.fields["remove_photos"].choices = [(photo.pk, str(photo.pk)) for photo in photos]
        self.photos = list(photos)

    def clean_phone(self):
        value = self.cleaned_data["phone"]
        return uae_phone_normalize(value) if value else ""

    def clean_whatsapp(self):
        value = self.cleaned_data["whatsapp"]
        return uae_mobile_normalize(value) if value else ""

    def clean_instagram(self):
        value = self.cleaned_data["instagram"]
        return instagram_normalize(value) if value else ""


class ShowcaseFilterForm(forms.Form):
    """The public showcase's package, activity and words; anything malformed is simply ignored (no filter)."""

    package = forms.SlugField(required=False, max_length=30)
    activity = IdField(required=False)
    q = forms.CharField(required=False, max_length=100, strip=True)


class RefuseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason given to the family"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Sent to the family with the notification: say what to change."),
    )

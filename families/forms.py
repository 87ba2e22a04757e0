import datetime
import re

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from families.emails import absolute_url, email_to_user_send
from families.emirates_id import emirates_id_normalize, emirates_id_validate
from families.mobile import uae_mobile_normalize
from families.models import FAMILY_EDITABLE_FIELDS, FamilyProfile, HouseholdMember, User
from families.services import EMAIL_TAKEN, EMIRATES_ID_TAKEN

_ARABIC_NAME = re.compile(r"^[\u0600-\u06FF\s.'\-]+$")
_LATIN_NAME = re.compile(r"^[A-Za-z][A-Za-z\s.'\-]*$")
_FILE_NUMBER = re.compile(r"^[A-Za-z0-9\-/ ]+$")
EARLIEST_BIRTH_DATE = datetime.date(1900, 1, 1)


def _language_field() -> forms.ChoiceField:
    return forms.ChoiceField(
        label=_("Language of messages from the centre"),
        choices=User.Language.choices,
        widget=forms.RadioSelect,
        help_text=_("E-mails and notifications are sent to you in this language."),
    )


def _mobile_field() -> forms.CharField:
    return forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        help_text=_("A UAE mobile number, for example +971 50 123 4567."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel", "dir": "ltr"}),
    )


class SignupForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )
    mobile = _mobile_field()
    preferred_language = _language_field()
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "dir": "ltr"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password", "dir": "ltr"}),
        help_text=_("Type the same password again, to be sure of it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].initial = (translation.get_language() or "ar")[:2]

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError(EMAIL_TAKEN, code="email_taken")
        return email

    def clean_mobile(self):
        return uae_mobile_normalize(self.cleaned_data["mobile"])

    def clean(self):
        cleaned = super().clean()
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", ValidationError(_("The two passwords are not the same."), code="mismatch"))
        elif password1:
            candidate = User(email=cleaned.get("email") or "", mobile=cleaned.get("mobile") or "")
            try:
                password_validation.validate_password(password1, user=candidate)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email", "dir": "ltr"}),
    )
    error_messages = {
        "invalid_login": _("The e-mail address or the password is not correct."),
        "inactive": _("This account is closed. Contact the Intaj centre."),
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].widget.attrs["dir"] = "ltr"

    def clean_username(self):
        # Addresses are stored in lower case; people type them as they like.
        return self.cleaned_data["username"].strip().lower()


class FamilyPasswordChangeForm(PasswordChangeForm):
    """Django's form, its first field named as the page's instruction names it: the current password, not the old."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = _("Current password")


class FamilyPasswordResetForm(PasswordResetForm):
    """Django's reset form, its e-mail sent in the account's language with plain-text and HTML parts."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
    )

    # Set when an e-mail could not be sent: the view then says so, rather than "we sent you a link".
    email_failed = False

    def send_mail(self, subject_template_name, email_template_name, context, from_email, to_email, **kwargs):
        user = context["user"]
        self.email_failed |= not email_to_user_send(
            user=user,
            template="families/email/password_reset",
            context=lambda: {
                "reset_url": absolute_url(
                    reverse(
                        "families:password_reset_confirm",
                        kwargs={"uidb64": context["uid"], "token": context["token"]},
                    )
                )
            },
        )


class EmiratesIdRulesMixin:
    """The Emirates ID is well formed, passes its check digit and carries the year of the date of birth."""

    def clean_emirates_id(self):
        return emirates_id_validate(self.cleaned_data["emirates_id"])

    def clean(self):
        cleaned = super().clean()
        emirates_id, date_of_birth = cleaned.get("emirates_id"), cleaned.get("date_of_birth")
        if emirates_id and date_of_birth:
            try:
                emirates_id_validate(emirates_id, date_of_birth=date_of_birth)
            except ValidationError as error:
                self.add_error("emirates_id", error)
        return cleaned


class FamilyProfileAdminForm(EmiratesIdRulesMixin, forms.ModelForm):
    class Meta:
        model = FamilyProfile
        fields = FAMILY_EDITABLE_FIELDS
        error_messages = {"emirates_id": {"unique": EMIRATES_ID_TAKEN}}


class FamilyProfileForm(EmiratesIdRulesMixin, forms.ModelForm):
    """What a family writes about itself. The beneficiary verification is not a field here: staff set it."""

    mobile = _mobile_field()
    preferred_language = _language_field()

    class Meta:
        model = FamilyProfile
        fields = FAMILY_EDITABLE_FIELDS
        labels = {
            "full_name_ar": _("Full name in Arabic"),
            "full_name_en": _("Full name in English"),
            "emirate": _("Emirate of residence"),
            "area": _("Area"),
            "address": _("Address"),
            "home_tenure": _("The home where you produce is"),
            "sssd_file_number": _("Social Services beneficiary file number (if any)"),
        }
        help_texts = {
            "full_name_ar": _("As written on the Emirates ID."),
            "full_name_en": _("As written on the Emirates ID or passport."),
            "emirates_id": _("15 digits starting with 784, as on the card: 784-YYYY-NNNNNNN-C."),
            "area": _("For example Al Khan, Muwaileh or Al Dhaid."),
            "address": _("Street, building or villa number, and a landmark."),
            "sssd_file_number": _(
                "For the beneficiary discount. The centre checks it with the Social Services Department."
            ),
        }
        error_messages = {"emirates_id": {"unique": EMIRATES_ID_TAKEN}}
        widgets = {
            "full_name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar", "autocomplete": "name"}),
            "full_name_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en"}),
            "emirates_id": forms.TextInput(
                attrs={"dir": "ltr", "inputmode": "numeric", "placeholder": "784-YYYY-NNNNNNN-C", "autocomplete": "off"}
            ),
            "date_of_birth": forms.DateInput(attrs={"type": "date", "dir": "ltr"}, format="%Y-%m-%d"),
            "home_tenure": forms.RadioSelect,
            "address": forms.Textarea(attrs={"rows": 2}),
            "sssd_file_number": forms.TextInput(attrs={"dir": "ltr"}),
        }

    def __init__(self, *args, user: User, verified: dict[str, str] | None = None, **kwargs):
        """`verified`: the fields a verified UAE PASS account vouches for, shown and kept as UAE PASS gave them."""
        self.verified = verified or {}
        kwargs.setdefault("initial", {}).update(
            {"mobile": user.mobile, "preferred_language": user.preferred_language, **self.verified}
        )
        super().__init__(*args, **kwargs)
        # The choices' empty line is never right here: every field has a default.
        for name in ("nationality", "emirate"):
            self.fields[name].choices = [choice for choice in self.fields[name].choices if choice[0]]
        for name in self.verified:
            # A disabled field takes its initial value whatever is posted: the family cannot change it.
            self.fields[name].disabled = True
            self.fields[name].help_text = _("Verified by UAE PASS.")

    def clean(self):
        cleaned = super().clean()
        if "emirates_id" in self.verified and self.has_error("emirates_id"):
            # The verified number is right; it is the date of birth typed beside it that disagrees.
            self.add_error("date_of_birth", ValidationError(self.errors.pop("emirates_id").as_data()))
            cleaned["emirates_id"] = self.verified["emirates_id"]
        return cleaned

    def _clean_name(self, field: str, pattern: re.Pattern, message) -> str:
        value = " ".join(self.cleaned_data[field].split())
        if field in self.verified:
            return value  # as UAE PASS writes it
        if not pattern.match(value):
            raise ValidationError(message, code="name_script")
        if len(value.split()) < 2:
            raise ValidationError(_("Write the full name: at least the first name and the family name."), code="name")
        return value

    def clean_full_name_ar(self):
        return self._clean_name("full_name_ar", _ARABIC_NAME, _("Write the name in Arabic letters."))

    def clean_full_name_en(self):
        return self._clean_name("full_name_en", _LATIN_NAME, _("Write the name in English (Latin) letters."))

    def clean_date_of_birth(self):
        value = self.cleaned_data["date_of_birth"]
        if value > timezone.localdate():
            raise ValidationError(_("The date of birth cannot be in the future."), code="future")
        if value < EARLIEST_BIRTH_DATE:
            raise ValidationError(_("Check the year of birth."), code="too_early")
        return value

    def clean_area(self):
        return " ".join(self.cleaned_data["area"].split())

    def clean_address(self):
        return " ".join(self.cleaned_data["address"].split())

    def clean_sssd_file_number(self):
        value = " ".join(self.cleaned_data["sssd_file_number"].split())
        if value and not _FILE_NUMBER.match(value):
            raise ValidationError(_("Use only letters, digits, dashes and slashes."), code="file_number")
        return value

    def clean_mobile(self):
        return uae_mobile_normalize(self.cleaned_data["mobile"])


class UaePassLinkForm(forms.Form):
    """The password of the account to link to UAE PASS: the proof that the account is the family's own."""

    password = forms.CharField(
        label=_("Password of your account on the portal"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password", "dir": "ltr", "autofocus": True}),
    )


class HouseholdMemberForm(forms.ModelForm):
    class Meta:
        model = HouseholdMember
        fields = ["name", "relation"]
        labels = {"name": _("Full name"), "relation": _("Relation to the head of the family")}

    def clean_name(self):
        value = " ".join(self.cleaned_data["name"].split())
        if not value:
            raise ValidationError(_("Enter the member's name."), code="required")
        return value


class BeneficiaryVerifyForm(forms.Form):
    file_number = forms.CharField(
        label=_("Beneficiary file number checked"),
        max_length=30,
        help_text=_("The number on the Social Services Department's beneficiary letter you checked."),
    )


class BeneficiaryRevokeForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawing the verification"), max_length=100)


class EmiratesIdFindForm(forms.Form):
    emirates_id = forms.CharField(label=_("Emirates ID"), max_length=30)

    def clean_emirates_id(self):
        return emirates_id_normalize(self.cleaned_data["emirates_id"])

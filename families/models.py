from django.conf import settings
from django.contrib.auth.base_user import BaseUserManager
from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from packages_catalog.models import in_current_language

# UAE mobile numbers in international form: +971 5X XXX XXXX.
uae_mobile_validator = RegexValidator(
    r"^\+9715\d{8}$", _("Enter a UAE mobile number as +9715XXXXXXXX."), code="mobile_format"
)


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    class Language(models.TextChoices):
        ARABIC = "ar", _("Arabic")
        ENGLISH = "en", _("English")

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    mobile = models.CharField(_("mobile"), max_length=13, blank=True, validators=[uae_mobile_validator])
    preferred_language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=Language.choices,
        default=Language.ARABIC,
        help_text=_("The language of every message the centre sends to this account."),
    )
    email_confirmed_at = models.DateTimeField(_("e-mail address confirmed at"), null=True, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        # The admin lists the staff (a few rows) among tens of thousands of family accounts.
        indexes = [models.Index(fields=["email"], condition=models.Q(is_staff=True), name="user_staff_email")]

    def __str__(self):
        return self.email

    @property
    def email_confirmed(self) -> bool:
        return self.email_confirmed_at is not None


class Emirate(models.TextChoices):
    SHARJAH = "sharjah", _("Sharjah")
    ABU_DHABI = "abu_dhabi", _("Abu Dhabi")
    DUBAI = "dubai", _("Dubai")
    AJMAN = "ajman", _("Ajman")
    UMM_AL_QUWAIN = "umm_al_quwain", _("Umm Al Quwain")
    RAS_AL_KHAIMAH = "ras_al_khaimah", _("Ras Al Khaimah")
    FUJAIRAH = "fujairah", _("Fujairah")


class Nationality(models.TextChoices):
    UAE = "AE", _("United Arab Emirates")
    OTHER = "other", _("Other nationality")


class HomeTenure(models.TextChoices):
    OWNED = "owned", _("Owned by the family")
    RENTED = "rented", _("Rented")


class BeneficiaryStatus(models.TextChoices):
    VERIFIED = "verified", _("Verified by the centre")
    CLAIMED = "claimed", _("File number given, not verified yet")
    NONE = "none", _("Not a beneficiary")


# What a family writes in its own profile. The beneficiary verification fields are never among them.
FAMILY_EDITABLE_FIELDS = (
    "full_name_ar",
    "full_name_en",
    "emirates_id",
    "date_of_birth",
    "nationality",
    "emirate",
    "area",
    "address",
    "home_tenure",
    "sssd_file_number",
)


class FamilyProfile(models.Model):
    """The head of a productive family: one profile per account, one account per Emirates ID."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="family_profile", verbose_name=_("account")
    )
    full_name_ar = models.CharField(_("full name (Arabic)"), max_length=150)
    full_name_en = models.CharField(_("full name (English)"), max_length=150)
    emirates_id = models.CharField(_("Emirates ID"), max_length=18, unique=True)
    date_of_birth = models.DateField(_("date of birth"))
    nationality = models.CharField(_("nationality"), max_length=5, choices=Nationality.choices, default=Nationality.UAE)
    emirate = models.CharField(
        _("emirate of residence"), max_length=20, choices=Emirate.choices, default=Emirate.SHARJAH
    )
    area = models.CharField(_("area"), max_length=100)
    address = models.CharField(_("address"), max_length=300)
    home_tenure = models.CharField(
        _("the home is"), max_length=10, choices=HomeTenure.choices, default=HomeTenure.OWNED
    )
    sssd_file_number = models.CharField(
        _("Social Services beneficiary file number"),
        max_length=30,
        blank=True,
        help_text=_("If the family is a beneficiary of the Social Services Department."),
    )
    # Set by centre staff only: a family's own claim is the file number above.
    beneficiary_verified_at = models.DateTimeField(_("beneficiary status verified at"), null=True, blank=True)
    beneficiary_verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("beneficiary status verified by"),
    )
    beneficiary_verified_file_number = models.CharField(_("verified file number"), max_length=30, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("family profile")
        verbose_name_plural = _("family profiles")
        indexes = [
            models.Index(fields=["sssd_file_number"]),
            models.Index(fields=["full_name_en"]),
            # The dashboard's counts of families registered in a period and of verified beneficiaries, each read from
            # an index alone on PostgreSQL (docs/performance.md).
            models.Index(fields=["created_at"], include=["id"], name="family_created_cover"),
            models.Index(
                fields=["id"], condition=models.Q(beneficiary_verified_at__isnull=False), name="family_verified"
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return in_current_language(self.full_name_ar, self.full_name_en)

    @property
    def is_verified_beneficiary(self) -> bool:
        return self.beneficiary_verified_at is not None

    @property
    def beneficiary_status(self) -> str:
        if self.is_verified_beneficiary:
            return BeneficiaryStatus.VERIFIED
        return BeneficiaryStatus.CLAIMED if self.sssd_file_number else BeneficiaryStatus.NONE


class HouseholdMember(models.Model):
    """A member of the household who takes part in production."""

    class Relation(models.TextChoices):
        SPOUSE = "spouse", _("Spouse")
        SON = "son", _("Son")
        DAUGHTER = "daughter", _("Daughter")
        MOTHER = "mother", _("Mother")
        FATHER = "father", _("Father")
        SIBLING = "sibling", _("Brother or sister")
        OTHER = "other", _("Other relative")

    profile = models.ForeignKey(
        FamilyProfile, on_delete=models.CASCADE, related_name="household_members", verbose_name=_("family")
    )
    name = models.CharField(_("name"), max_length=150)
    relation = models.CharField(_("relation"), max_length=20, choices=Relation.choices)
    history = HistoricalRecords()

    class Meta:
        ordering = ["id"]
        verbose_name = _("household member")
        verbose_name_plural = _("household members")

    def __str__(self):
        return self.name


class UaePassUserType(models.TextChoices):
    """UAE PASS account levels: SOP1 is a basic account whose identity nobody checked; SOP2 and SOP3 are verified."""

    SOP1 = "SOP1", _("Basic, not verified (SOP1)")
    SOP2 = "SOP2", _("Verified (SOP2)")
    SOP3 = "SOP3", _("Verified (SOP3)")


UAEPASS_VERIFIED_TYPES = (UaePassUserType.SOP2, UaePassUserType.SOP3)


class UaePassIdentity(models.Model):
    """The UAE PASS account an account signs in with, as UAE PASS last described it (its user info).

    One UAE PASS account (`sub`) per portal account and the reverse. The profile fields it fills are read-only for
    the family while the account is verified (SOP2, SOP3): see `verified_profile_values`.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="uaepass", verbose_name=_("account")
    )
    sub = models.CharField(_("UAE PASS subject"), max_length=255, unique=True)
    uuid = models.CharField(_("UAE PASS UUID"), max_length=64, blank=True)
    user_type = models.CharField(_("UAE PASS account level"), max_length=4, choices=UaePassUserType.choices)
    emirates_id = models.CharField(_("Emirates ID"), max_length=18, blank=True)
    full_name_ar = models.CharField(_("full name (Arabic)"), max_length=150, blank=True)
    full_name_en = models.CharField(_("full name (English)"), max_length=150, blank=True)
    nationality = models.CharField(_("nationality"), max_length=5, choices=Nationality.choices, blank=True)
    nationality_en = models.CharField(_("nationality as UAE PASS gives it"), max_length=60, blank=True)
    gender = models.CharField(_("gender"), max_length=10, blank=True)
    mobile = models.CharField(_("mobile"), max_length=13, blank=True)
    email = models.EmailField(_("e-mail address"), blank=True)
    linked_at = models.DateTimeField(_("linked"), auto_now_add=True)
    signed_in_at = models.DateTimeField(_("last signed in with UAE PASS"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("UAE PASS identity")
        verbose_name_plural = _("UAE PASS identities")
        indexes = [models.Index(fields=["emirates_id"])]

    def __str__(self):
        return self.sub

    @property
    def is_verified(self) -> bool:
        return self.user_type in UAEPASS_VERIFIED_TYPES

    def verified_profile_values(self) -> dict[str, str]:
        """The profile fields UAE PASS vouches for, which the family then cannot change: none from a SOP1 account."""
        if not self.is_verified:
            return {}
        values = {
            "emirates_id": self.emirates_id,
            "full_name_ar": self.full_name_ar,
            "full_name_en": self.full_name_en,
            "nationality": self.nationality,
            "mobile": self.mobile,
        }
        return {field: value for field, value in values.items() if value}

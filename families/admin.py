from axes import admin as axes_admin
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import GroupAdmin as DjangoGroupAdmin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from simple_history.admin import SimpleHistoryAdmin

from families.emirates_id import emirates_id_masked
from families.forms import BeneficiaryRevokeForm, BeneficiaryVerifyForm, FamilyProfileAdminForm
from families.models import UAEPASS_VERIFIED_TYPES, BeneficiaryStatus, FamilyProfile, HouseholdMember, User
from families.roles import group_label
from families.selectors import uaepass_identity_of
from families.services import beneficiary_verification_revoke, beneficiary_verify
from intaj_portal.admin_language import PermissionLabelsMixin
from intaj_portal.admin_tools import FindByEmiratesIdMixin, PeriodFilter
from intaj_portal.errors import ActorNotAllowed, ServiceError, form_error_add


class HouseholdMemberInline(admin.TabularInline):
    model = HouseholdMember
    extra = 0
    fields = ["name", "relation"]


class BeneficiaryStatusFilter(admin.SimpleListFilter):
    title = _("beneficiary status")
    parameter_name = "beneficiary"

    def lookups(self, request, model_admin):
        return BeneficiaryStatus.choices

    def queryset(self, request, queryset):
        if self.value() == BeneficiaryStatus.VERIFIED:
            return queryset.filter(beneficiary_verified_at__isnull=False)
        if self.value() == BeneficiaryStatus.CLAIMED:
            return queryset.filter(beneficiary_verified_at__isnull=True).exclude(sssd_file_number="")
        if self.value() == BeneficiaryStatus.NONE:
            return queryset.filter(beneficiary_verified_at__isnull=True, sssd_file_number="")
        return queryset


class UaePassFilter(admin.SimpleListFilter):
    title = _("UAE PASS")
    parameter_name = "uaepass"

    def lookups(self, request, model_admin):
        return [
            ("verified", _("UAE PASS verified")),
            ("basic", _("UAE PASS, not verified (SOP1)")),
            ("none", _("Not signed in with UAE PASS")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "verified":
            return queryset.filter(user__uaepass__user_type__in=UAEPASS_VERIFIED_TYPES)
        if self.value() == "basic":
            return queryset.filter(user__uaepass__isnull=False).exclude(
                user__uaepass__user_type__in=UAEPASS_VERIFIED_TYPES
            )
        if self.value() == "none":
            return queryset.filter(user__uaepass__isnull=True)
        return queryset


RegisteredPeriodFilter = PeriodFilter.on("created_at", prefix="registered", title=_("registered"))


@admin.register(FamilyProfile)
class FamilyProfileAdmin(FindByEmiratesIdMixin, SimpleHistoryAdmin):
    form = FamilyProfileAdminForm
    list_display = [
        "full_name_ar",
        "full_name_en",
        "masked_emirates_id",
        "account_email",
        "account_mobile",
        "emirate",
        "beneficiary",
        "uaepass_verified",
        "updated_at",
    ]
    list_filter = [BeneficiaryStatusFilter, UaePassFilter, RegisteredPeriodFilter, "emirate", "nationality"]
    list_select_related = ["user__uaepass", "beneficiary_verified_by"]
    # The Emirates ID is not here: a search goes into the page's address. The changelist has a form that posts it.
    search_fields = [
        "full_name_ar",
        "full_name_en",
        "user__email",
        "user__mobile",
        "sssd_file_number",
        "beneficiary_verified_file_number",
    ]
    search_help_text = _(
        "Name, e-mail, mobile or file number. To find a family by Emirates ID, use the form beside the search."
    )
    inlines = [HouseholdMemberInline]
    readonly_fields = [
        "user",
        "beneficiary_verified_at",
        "beneficiary_verified_by",
        "beneficiary_verified_file_number",
        "uaepass_account",
        "created_at",
        "updated_at",
    ]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "user",
                    "uaepass_account",
                    "full_name_ar",
                    "full_name_en",
                    "emirates_id",
                    "date_of_birth",
                    "nationality",
                ]
            },
        ),
        (_("Residence"), {"fields": ["emirate", "area", "address", "home_tenure"]}),
        (
            _("Social Services beneficiary"),
            {
                "fields": [
                    "sssd_file_number",
                    "beneficiary_verified_file_number",
                    "beneficiary_verified_at",
                    "beneficiary_verified_by",
                ]
            },
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]
    history_list_display = ["beneficiary_verified_file_number", "beneficiary_verified_at"]
    actions = ["verify_beneficiary"]
    change_form_template = "admin/families/familyprofile/change_form.html"

    def has_add_permission(self, request):
        # A profile belongs to a family's own account: families create it when they sign up.
        return False

    @admin.display(description=_("Emirates ID"))
    def masked_emirates_id(self, profile):
        return emirates_id_masked(profile.emirates_id)

    @admin.display(description=_("e-mail address"), ordering="user__email")
    def account_email(self, profile):
        return profile.user.email

    @admin.display(description=_("mobile"))
    def account_mobile(self, profile):
        return profile.user.mobile

    @admin.display(description=_("UAE PASS verified"), boolean=True)
    def uaepass_verified(self, profile):
        identity = uaepass_identity_of(profile.user)
        return identity is not None and identity.is_verified

    @admin.display(description=_("UAE PASS"))
    def uaepass_account(self, profile):
        identity = uaepass_identity_of(profile.user)
        if identity is None:
            return _("Not signed in with UAE PASS")
        return f"{identity.get_user_type_display()} · {identity.uuid or identity.sub}"

    @admin.display(description=_("beneficiary status"))
    def beneficiary(self, profile):
        return BeneficiaryStatus(profile.beneficiary_status).label

    @admin.action(
        description=_("Verify beneficiary status with the file number the family gave"), permissions=["change"]
    )
    def verify_beneficiary(self, request, queryset):
        verified = skipped = 0
        for profile in queryset:
            if not profile.sssd_file_number:
                skipped += 1
                continue
            beneficiary_verify(profile=profile, actor=request.user, file_number=profile.sssd_file_number)
            verified += 1
        if verified:
            self.message_user(
                request,
                ngettext(
                    "%(count)d family verified as a beneficiary.",
                    "%(count)d families verified as beneficiaries.",
                    verified,
                )
                % {"count": verified},
                messages.SUCCESS,
            )
        if skipped:
            self.message_user(
                request,
                ngettext(
                    "%(count)d family gave no file number and was not verified.",
                    "%(count)d families gave no file number and were not verified.",
                    skipped,
                )
                % {"count": skipped},
                messages.WARNING,
            )

    def get_urls(self):
        return [
            path(
                "<id:object_id>/beneficiary/",
                self.admin_site.admin_view(self.beneficiary_view),
                name="families_familyprofile_beneficiary",
            ),
            *super().get_urls(),
        ]

    def beneficiary_view(self, request, object_id):
        """Verify or withdraw a family's beneficiary status: each through its service, recorded in the history."""
        profile = get_object_or_404(
            FamilyProfile.objects.select_related("user", "beneficiary_verified_by"), pk=object_id
        )
        if not self.has_change_permission(request, profile):
            raise PermissionDenied
        verify_form = BeneficiaryVerifyForm(
            initial={"file_number": profile.beneficiary_verified_file_number or profile.sssd_file_number}
        )
        revoke_form = BeneficiaryRevokeForm()
        if request.method == "POST":
            action = request.POST.get("action")
            form = BeneficiaryVerifyForm(request.POST) if action == "verify" else BeneficiaryRevokeForm(request.POST)
            if action == "verify":
                verify_form = form
            else:
                revoke_form = form
            if action in {"verify", "revoke"} and form.is_valid():
                try:
                    if action == "verify":
                        beneficiary_verify(profile=profile, actor=request.user, **form.cleaned_data)
                        self.message_user(request, _("Beneficiary status verified."), messages.SUCCESS)
                    else:
                        beneficiary_verification_revoke(profile=profile, actor=request.user, **form.cleaned_data)
                        self.message_user(request, _("Beneficiary verification withdrawn."), messages.SUCCESS)
                except ActorNotAllowed:
                    raise  # the admin answers a person the rule refuses with its 403, not on the form
                except ServiceError as error:
                    form_error_add(form, error)
                else:
                    return redirect(reverse("admin:families_familyprofile_change", args=[profile.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "original": profile,
            "title": _("Beneficiary status of %(family)s") % {"family": profile.full_name},
            "verify_form": verify_form,
            "revoke_form": revoke_form,
        }
        return TemplateResponse(request, "admin/families/familyprofile/beneficiary.html", context)

    def emirates_id_found(self, profile: FamilyProfile):
        return redirect(reverse("admin:families_familyprofile_change", args=[profile.pk]))


class StaffUserCreationForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("email",)
        field_classes = {}


class StaffUserChangeForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User
        fields = "__all__"
        field_classes = {}


@admin.register(User)
class UserAdmin(PermissionLabelsMixin, DjangoUserAdmin):
    """Accounts log in with their e-mail address: Django's user admin without the username."""

    form = StaffUserChangeForm
    add_form = StaffUserCreationForm
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Contact"), {"fields": ("first_name", "last_name", "mobile", "preferred_language", "email_confirmed_at")}),
        (
            _("Permissions"),
            {"fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "usable_password", "password1", "password2")}),)
    list_display = ("email", "mobile", "is_staff", "email_confirmed_at", "date_joined")
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "preferred_language")
    search_fields = ("email", "mobile", "first_name", "last_name")
    ordering = ("email",)


class GroupAdmin(PermissionLabelsMixin, DjangoGroupAdmin):
    """The staff groups under their names in the reader's language, their permissions said in it too."""

    list_display = ("label",)

    @admin.display(description=_("name"), ordering="name")
    def label(self, group):
        return group_label(group.name)


if admin.site.is_registered(Group):
    admin.site.unregister(Group)
admin.site.register(Group, GroupAdmin)


class LoginAttemptAdmin(axes_admin.AccessAttemptAdmin):
    """django-axes' list of failed logins, its clean-up action mended: django-axes 8.3 reads the time of the
    attempt from the request, which it sets on login requests only, so on the admin's request the action failed."""

    @admin.display(description=_("status"))
    def status(self, attempt):
        # django-axes writes "2 Attempt Remaining", untitled and unfit for Arabic counts.
        remaining = settings.AXES_FAILURE_LIMIT - attempt.failures_since_start
        if remaining <= 0:
            return _("Locked out")
        return ngettext("%(count)s attempt left", "%(count)s attempts left", remaining) % {"count": remaining}

    @admin.action(description=axes_admin.AccessAttemptAdmin.cleanup_expired_attempts.short_description)
    def cleanup_expired_attempts(self, request, queryset):
        AxesProxyHandler.update_request(request)
        super().cleanup_expired_attempts(request, queryset)


if admin.site.is_registered(AccessAttempt):
    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, LoginAttemptAdmin)

import math

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods, require_POST

from families import selectors, services
from families.emails import EMAIL_NOT_SENT
from families.emirates_id import emirates_id_masked
from families.forms import (
    FamilyPasswordChangeForm,
    FamilyPasswordResetForm,
    FamilyProfileForm,
    HouseholdMemberForm,
    LoginForm,
    SignupForm,
)
from families.models import FamilyProfile, HouseholdMember
from families.tokens import EmailConfirmationTokenExpired, EmailConfirmationTokenInvalid, email_confirmation_token_read
from families.uaepass import uaepass_enabled
from intaj_portal.access import family_required
from intaj_portal.errors import ServiceError, form_error_add
from intaj_portal.ratelimits import email_link_wait


@sensitive_post_parameters("password1", "password2")
@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.account_signup(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password1"],
                mobile=form.cleaned_data["mobile"],
                preferred_language=form.cleaned_data["preferred_language"],
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(
                request,
                _("Welcome. We sent a link to %(email)s: open it to confirm your e-mail address.")
                % {"email": user.email},
            )
            return redirect("families:home")
    return render(request, "families/signup.html", {"form": form, "uaepass_enabled": uaepass_enabled()})


class LoginView(auth_views.LoginView):
    template_name = "families/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "uaepass_enabled": uaepass_enabled()}


def login_locked_out(request, original_response=None, credentials=None):
    """django-axes calls this when an e-mail address and IP address have failed too often."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "families/locked_out.html", {"minutes": minutes}, status=429)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "families/password_change.html"
    form_class = FamilyPasswordChangeForm
    success_url = reverse_lazy("families:home")

    def form_valid(self, form):
        messages.success(self.request, _("Your password is changed."))
        return super().form_valid(form)


def _email_link_wait_message(wait: int) -> str:
    """Why no link was sent, without saying whether the address has an account, and how long to wait (in whole
    minutes, rounded up)."""
    minutes = math.ceil(wait / 60)
    return _(
        "For the security of accounts, the portal sends only a few links to one address, or from one connection, "
        "in a while. Please try again in %(wait)s. The links already sent stay valid."
    ) % {"wait": ngettext("%(count)s minute", "%(count)s minutes", minutes) % {"count": minutes}}


def _email_link_refused(response, wait: int):
    response.status_code = 429
    response["Retry-After"] = str(wait)
    return response


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "families/password_reset.html"
    form_class = FamilyPasswordResetForm
    success_url = reverse_lazy("families:password_reset_done")

    def form_valid(self, form):
        wait = email_link_wait(self.request, purpose="password_reset", email=form.cleaned_data["email"])
        if wait is not None:
            context = self.get_context_data(form=form, limited=_email_link_wait_message(wait))
            return _email_link_refused(self.render_to_response(context), wait)
        response = super().form_valid(form)
        if form.email_failed:
            messages.error(self.request, EMAIL_NOT_SENT)
            return self.render_to_response(self.get_context_data(form=form))
        return response


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "families/password_reset_confirm.html"
    success_url = reverse_lazy("families:password_reset_complete")

    def form_valid(self, form):
        response = super().form_valid(form)
        services.login_failures_forget(user=form.user)
        return response


@require_http_methods(["GET", "POST"])
def email_confirm(request, token):
    try:
        user = email_confirmation_token_read(token)
    except EmailConfirmationTokenExpired:
        return render(request, "families/email_confirm.html", {"problem": "expired"}, status=400)
    except EmailConfirmationTokenInvalid:
        return render(request, "families/email_confirm.html", {"problem": "invalid"}, status=400)
    if request.method == "POST":
        services.email_confirm(user=user)
        messages.success(request, _("Thank you: your e-mail address is confirmed."))
        return redirect("families:home" if request.user == user else settings.LOGIN_URL)
    return render(request, "families/email_confirm.html", {"confirm_user": user})


@require_POST
@family_required
def email_confirm_resend(request):
    if request.user.email_confirmed:
        messages.info(request, _("Your e-mail address is already confirmed."))
    elif (wait := email_link_wait(request, purpose="email_confirm", email=request.user.email)) is not None:
        context = {
            "message": _email_link_wait_message(wait),
            "back_url": reverse("families:home"),
            "back_label": _("Back to my account"),
        }
        return _email_link_refused(render(request, "429.html", context), wait)
    elif services.email_confirmation_send(user=request.user):
        messages.success(request, _("We sent a new link to %(email)s.") % {"email": request.user.email})
    else:
        messages.error(request, EMAIL_NOT_SENT)
    return redirect("families:home")


@require_http_methods(["GET", "HEAD"])
@family_required
def home(request):
    profile = selectors.family_profile_of(user=request.user)
    checklist = selectors.family_checklist(user=request.user, profile=profile)
    return render(
        request,
        "families/home.html",
        {
            "profile": profile,
            "masked_emirates_id": emirates_id_masked(profile.emirates_id) if profile else "",
            "checklist": checklist,
            "can_apply": selectors.family_can_apply(checklist=checklist),
        },
    )


def _uaepass_suggestions(identity) -> dict[str, str]:
    """What an unverified (SOP1) UAE PASS account says of the family: a start the family checks and may change."""
    if identity is None or identity.is_verified:
        return {}
    return {field: getattr(identity, field) for field in ("full_name_ar", "full_name_en") if getattr(identity, field)}


@sensitive_post_parameters("emirates_id")
@require_http_methods(["GET", "POST"])
@family_required
def profile_edit(request):
    profile = selectors.family_profile_of(user=request.user)
    identity = selectors.uaepass_identity_of(profile.user if profile else request.user)
    form = FamilyProfileForm(
        request.POST or None,
        instance=profile or FamilyProfile(user=request.user),
        user=request.user,
        verified=identity.verified_profile_values() if identity else None,
        initial=_uaepass_suggestions(identity) if profile is None else {},
    )
    if request.method == "POST" and form.is_valid():
        try:
            _profile, lifted = services.family_profile_save(actor=request.user, values=form.cleaned_data)
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("Your family profile is saved."))
            if lifted:
                messages.warning(
                    request,
                    _(
                        "You changed your Emirates ID or beneficiary file number: the centre will verify your "
                        "beneficiary status again."
                    ),
                )
            return redirect("families:home")
    checklist = selectors.family_checklist(user=request.user, profile=profile)
    return render(
        request,
        "families/profile_form.html",
        {"form": form, "profile": profile, "checklist": checklist, "uaepass": identity},
    )


@require_http_methods(["GET", "POST"])
@family_required
def member_add(request):
    if not FamilyProfile.objects.filter(user=request.user).exists():
        messages.info(request, _("Complete your family profile first."))
        return redirect("families:profile")
    form = HouseholdMemberForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.household_member_add(actor=request.user, **form.cleaned_data)
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("The household member is added."))
            return redirect("families:profile")
    return render(request, "families/member_form.html", {"form": form})


def _own_member(request, pk) -> HouseholdMember:
    try:
        return selectors.household_member_of(user=request.user, pk=pk)
    except HouseholdMember.DoesNotExist:
        raise Http404 from None


@require_http_methods(["GET", "POST"])
@family_required
def member_edit(request, pk):
    member = _own_member(request, pk)
    form = HouseholdMemberForm(request.POST or None, instance=member)
    if request.method == "POST" and form.is_valid():
        try:
            services.household_member_update(actor=request.user, member=member, **form.cleaned_data)
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("The household member is updated."))
            return redirect("families:profile")
    return render(request, "families/member_form.html", {"form": form, "member": member})


@require_POST
@family_required
def member_remove(request, pk):
    member = _own_member(request, pk)
    services.household_member_remove(actor=request.user, member=member)
    messages.success(request, _("%(name)s is removed from the household.") % {"name": member.name})
    return redirect("families:profile")

"""The family's pages: apply in steps, follow an application, answer the centre, withdraw, renew a licence,
download its certificate.

Views parse, check who is asking, call one service and render. Another family's application is a 404.
"""

import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from families.models import FamilyProfile
from families.selectors import family_eligibility
from intaj_portal.access import family_required
from intaj_portal.errors import ServiceError, form_error_add, message_add
from intaj_portal.storage import STORAGE_FAILURES
from licenses import selectors, services
from licenses.exceptions import (
    ApplicationAlreadyOpen,
    ApplicationError,
    ApplicationIncomplete,
    CertificateUnavailable,
    LicenceAlreadyHeld,
)
from licenses.forms import (
    ActivitiesForm,
    BusinessForm,
    DocumentsForm,
    FamilyMessageForm,
    PackageChoiceForm,
    ProductionForm,
    SubmitForm,
    document_field_name,
)
from licenses.models import Application, ApplicationDocument, Licence, Status
from licenses.steps import STEPS, step_after, step_for_request, steps_complete

logger = logging.getLogger(__name__)

# The types a document may be shown as in the browser rather than downloaded.
PREVIEWABLE_TYPES = {"application/pdf", "image/jpeg", "image/png"}
ANSWER_FORMS = {"activities": ActivitiesForm, "business": BusinessForm, "production": ProductionForm}
# Centre staff, who have no applications of their own, are sent from the family's pages to the admin's list.
STAFF_PAGE = "admin:licenses_application_changelist"


def _posted(request):
    """The submitted data of a POST (even an empty one, which must still be validated), None for a GET."""
    return request.POST if request.method == "POST" else None


def _own_application(request, pk: int) -> Application:
    try:
        return selectors.application_get_for_family(user=request.user, pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None


def _profile(request) -> FamilyProfile | None:
    return FamilyProfile.objects.filter(user=request.user).select_related("user__uaepass").first()


@require_GET
@family_required(staff_redirect=STAFF_PAGE)
def application_list(request):
    return render(
        request,
        "licenses/application_list.html",
        {
            "overview": selectors.family_overview(user=request.user, today=timezone.localdate()),
            "has_profile": FamilyProfile.objects.filter(user=request.user).exists(),
        },
    )


@require_http_methods(["GET", "POST"])
@family_required(staff_redirect=STAFF_PAGE)
def application_start(request):
    profile = _profile(request)
    form = PackageChoiceForm(_posted(request))
    if request.method == "POST" and profile is not None and form.is_valid():
        try:
            application = services.application_draft_create(
                family=profile, package=form.cleaned_data["package"], actor=request.user
            )
        except ApplicationAlreadyOpen as error:
            message_add(request, error, level=messages.INFO)
            return redirect("licenses:application_detail", pk=error.application.pk)
        except LicenceAlreadyHeld as error:
            message_add(request, error, level=messages.WARNING)
            return redirect(f"{reverse('licenses:application_list')}#licence-{error.licence.pk}")
        except ApplicationError as error:
            form_error_add(form, error)
        else:
            return redirect("licenses:application_step", pk=application.pk, step=STEPS[0].slug)
    return render(
        request,
        "licenses/application_start.html",
        {
            "form": form,
            "profile": profile,
            "packages": selectors.package_list_for_family(family=profile) if profile else [],
            "problems": [
                problem
                for problem in family_eligibility(profile=profile)
                if problem.code != "under_18_without_court_letter"
            ],
        },
    )


@require_GET
@family_required(staff_redirect=STAFF_PAGE)
def application_detail(request, pk):
    try:
        application = selectors.application_get_for_family_page(user=request.user, pk=pk)
    except Application.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "licenses/application_detail.html",
        {
            "application": application,
            "fee": selectors.application_fees(application=application).current,
            "checklist": selectors.application_document_checklist(application=application),
            **_info_request_context(application),
            "licence_renewal_is_late": selectors.application_renewal_is_late(application=application),
        },
    )


def _info_request_context(application: Application) -> dict:
    """The centre's open request for information, and the step it is about ("Answer the request" opens it)."""
    if application.status != Status.INFO_REQUESTED:
        return {"info_request": None, "info_request_step": None}
    event = selectors.application_event_latest(application=application, status=Status.INFO_REQUESTED)
    if event is None:
        return {"info_request": None, "info_request_step": STEPS[0]}
    slug = step_for_request(
        reason_code=event.reason.code if event.reason else None,
        documents_requested=event.data.get("documents_requested", ()),
    )
    return {"info_request": event, "info_request_step": next(step for step in STEPS if step.slug == slug)}


def _step_context(application: Application, step: str, *, problems=None, **context) -> dict:
    """What every step page shows: the stepper (the steps, the current one, the complete ones ticked) and the
    centre's request for information while it is open."""
    if problems is None:
        problems = selectors.application_submission_problems(application=application)
    request_context = _info_request_context(application)
    awaited = selectors.application_documents_awaited(application=application, request=request_context["info_request"])
    unfinished = [problem.step for problem in problems] + (["documents"] if awaited else [])
    return {
        "application": application,
        "steps": STEPS,
        "step": step,
        "steps_done": steps_complete(unfinished),
        "problems": problems,
        "documents_awaited": awaited,
        **request_context,
        **context,
    }


def _after_save(request, application: Application, step: str):
    if "save_draft" in request.POST:
        messages.success(request, _("Saved. You can come back and continue at any time."))
        return redirect("licenses:application_detail", pk=application.pk)
    return redirect("licenses:application_step", pk=application.pk, step=step_after(step))


def _editable_or_redirect(request, application: Application):
    if application.is_editable:
        return None
    messages.info(
        request,
        _("This application can no longer be changed: it is “%(status)s”.")
        % {"status": application.family_status_label},
    )
    return redirect("licenses:application_detail", pk=application.pk)


@require_http_methods(["GET", "POST"])
@family_required(staff_redirect=STAFF_PAGE)
def application_step(request, pk, step):
    application = _own_application(request, pk)
    if not any(known.slug == step for known in STEPS):
        raise Http404
    if (refused := _editable_or_redirect(request, application)) is not None:
        return refused
    if step == "documents":
        return _documents_step(request, application)
    if step == "review":
        if request.method == "POST":  # the review page's form posts to application_submit
            return redirect("licenses:application_step", pk=application.pk, step="review")
        return _review_page(request, application)
    form_class = ANSWER_FORMS[step]
    # Required fields are marked from the first visit; only "Save as draft" lets them stay empty.
    form = form_class(_posted(request), instance=application, complete="save_draft" not in request.POST)
    if request.method == "POST" and form.is_valid():
        answers = {name: value for name, value in form.cleaned_data.items() if name != "activities"}
        try:
            services.application_update(
                application=application,
                actor=request.user,
                answers=answers,
                activities=form.cleaned_data.get("activities"),
            )
        except ApplicationError as error:
            form_error_add(form, error)
        else:
            return _after_save(request, application, step)
    return render(request, "licenses/application_step.html", _step_context(application, step, form=form))


def _documents_step(request, application: Application):
    checklist = selectors.application_document_checklist(application=application)
    form = DocumentsForm(_posted(request), request.FILES if request.method == "POST" else None, checklist=checklist)
    if request.method == "POST":
        form.is_valid()
        try:
            for item, file in form.files_to_save():
                try:
                    services.application_document_add(
                        application=application, document_type=item.document_type, file=file, actor=request.user
                    )
                except ServiceError as error:
                    if error.field != "file":
                        raise
                    # The file itself is refused: say so beside it and keep the others.
                    form.file_refuse(document_field_name(item), ValidationError(error.message, code=error.code))
            if remove := form.cleaned_data.get("remove"):
                document = application.documents.filter(pk=remove, superseded_at__isnull=True).first()
                if document is not None:
                    services.application_document_remove(document=document, actor=request.user)
        except ApplicationError as error:
            message_add(request, error)
            return redirect("licenses:application_detail", pk=application.pk)
        if not form.errors:
            if remove or "upload" in request.POST:
                return redirect("licenses:application_step", pk=application.pk, step="documents")
            return _after_save(request, application, "documents")
        # Saved files show as uploaded; the fields that failed keep their messages.
        application = _own_application(request, application.pk)
        checklist = selectors.application_document_checklist(application=application)
    for item in checklist:
        item.field = form[document_field_name(item)]
    return render(
        request,
        "licenses/application_documents.html",
        _step_context(
            application, "documents", form=form, checklist=checklist, document_limit=settings.DOCUMENT_MAX_BYTES
        ),
        status=400 if form.errors else 200,
    )


def _review_page(request, application: Application, *, problems=None, form=None, status=200):
    """The last step: everything given, what still stops sending (all at once), and the send form."""
    return render(
        request,
        "licenses/application_review.html",
        _step_context(
            application,
            "review",
            problems=problems,
            checklist=selectors.application_document_checklist(application=application),
            form=form or SubmitForm(),
            licence_renewal_is_late=selectors.application_renewal_is_late(application=application),
        ),
        status=status,
    )


@require_POST
@family_required(staff_redirect=STAFF_PAGE)
def application_submit(request, pk):
    application = _own_application(request, pk)
    if (refused := _editable_or_redirect(request, application)) is not None:
        return refused
    form = SubmitForm(request.POST)
    if not form.is_valid():
        return _review_page(request, application, form=form, status=400)
    resubmission = application.status == Status.INFO_REQUESTED
    try:
        application = services.application_transition(
            application=application,
            to_status=Status.SUBMITTED,
            actor=request.user,
            message=form.cleaned_data["message"],
        )
    except ApplicationIncomplete as error:
        return _review_page(request, application, problems=error.problems, form=form, status=400)
    except ApplicationError as error:
        message_add(request, error)
        return redirect("licenses:application_detail", pk=application.pk)
    if resubmission:
        messages.success(request, _("Your answer has been sent to the centre."))
    else:
        messages.success(
            request,
            _("Your application has been sent. Its reference is %(reference)s.") % {"reference": application.reference},
        )
    return redirect("licenses:application_detail", pk=application.pk)


@require_http_methods(["GET", "POST"])
@family_required(staff_redirect=STAFF_PAGE)
def application_withdraw(request, pk):
    application = _own_application(request, pk)
    form = FamilyMessageForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.application_transition(
                application=application,
                to_status=Status.WITHDRAWN,
                actor=request.user,
                message=form.cleaned_data["message"],
            )
        except ApplicationError as error:
            message_add(request, error)
        else:
            messages.success(request, _("Your application has been withdrawn."))
        return redirect("licenses:application_detail", pk=application.pk)
    return render(
        request,
        "licenses/application_confirm.html",
        {"application": application, "form": form, "action": "withdraw"},
    )


@require_http_methods(["GET", "POST"])
@family_required(staff_redirect=STAFF_PAGE)
def application_delete(request, pk):
    application = _own_application(request, pk)
    if request.method == "POST":
        try:
            services.application_draft_delete(application=application, actor=request.user)
        except ApplicationError as error:
            message_add(request, error)
            return redirect("licenses:application_detail", pk=application.pk)
        messages.success(request, _("The draft has been deleted."))
        return redirect("licenses:application_list")
    return render(request, "licenses/application_confirm.html", {"application": application, "action": "delete"})


@require_POST
@family_required(staff_redirect=STAFF_PAGE)
def licence_renew(request, pk):
    try:
        licence = selectors.licence_list_for_family(user=request.user).get(pk=pk)
    except Licence.DoesNotExist:
        raise Http404 from None
    try:
        application = services.application_renewal_create(licence=licence, actor=request.user)
    except ApplicationAlreadyOpen as error:
        message_add(request, error, level=messages.INFO)
        return redirect("licenses:application_detail", pk=error.application.pk)
    except ApplicationError as error:
        message_add(request, error)
        return redirect("licenses:application_list")
    return redirect("licenses:application_step", pk=application.pk, step=STEPS[0].slug)


@never_cache
@require_GET
def document_download(request, pk, document_pk):
    """A document, to its family or to a reviewer only; opened in the browser with `?inline=1`."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    try:
        document = selectors.document_get_for_user(user=request.user, application_pk=pk, document_pk=document_pk)
    except ApplicationDocument.DoesNotExist:
        raise Http404 from None
    # Downloaded, unless the page asks to preview a PDF or an image. Either way the file runs nothing on the
    # portal's origin (a sandbox without scripts) and is never read as another type than the one it was checked to be.
    preview = request.GET.get("inline") == "1" and document.content_type in PREVIEWABLE_TYPES
    try:
        stored = document.file.open("rb")
        # Reached now, not while the response streams: object storage fetches the file on first access, and a
        # storage that fails then must still answer a page, not a cut download.
        stored.seek(0)
    except FileNotFoundError:
        logger.error("Document %s of application %s: file %s missing from storage", document.pk, pk, document.file.name)
        return _document_unavailable(request, document, missing=True)
    except STORAGE_FAILURES:
        logger.error("Document %s: documents storage unavailable", document.pk, exc_info=True)
        return _document_unavailable(request, document, missing=False)
    response = FileResponse(
        stored,
        content_type=document.content_type,
        as_attachment=not preview,
        filename=document.download_name,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'; img-src 'self'"
    return response


def _document_unavailable(request, document: ApplicationDocument, *, missing: bool) -> HttpResponse:
    """A page that says the file is missing (404) or the storage is down (503), with a way back to the application."""
    back_url = (
        reverse("admin:licenses_application_change", args=[document.application_id])
        if request.user.is_staff
        else reverse("licenses:application_detail", args=[document.application_id])
    )
    response = render(
        request,
        "licenses/document_unavailable.html",
        {"missing": missing, "back_url": back_url},
        status=404 if missing else 503,
    )
    if not missing:
        response["Retry-After"] = "60"
    return response


def certificate_response(request, licence: Licence, *, back_url: str) -> HttpResponse:
    """The licence's certificate as a PDF attachment, made now; without the PDF library, a page (503) in both
    languages that says what is missing, with a way back to `back_url`."""
    try:
        pdf = services.licence_certificate_pdf(licence=licence, today=timezone.localdate())
    except CertificateUnavailable as error:
        logger.error("Certificate of licence %s not made: %s", licence.pk, error.missing)
        return render(
            request,
            "licenses/certificate_unavailable.html",
            {"missing": error.missing, "back_url": back_url},
            status=503,
        )
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, services.licence_certificate_filename(licence=licence)
    )
    return response


@never_cache
@require_GET
@family_required(staff_redirect="admin:licenses_licence_changelist")
def licence_certificate(request, pk):
    """The family's own licence certificate; another family's licence is a 404."""
    try:
        licence = selectors.licence_get_for_family(user=request.user, pk=pk)
    except Licence.DoesNotExist:
        raise Http404 from None
    return certificate_response(
        request, licence, back_url=f"{reverse('licenses:application_list')}#licence-{licence.pk}"
    )

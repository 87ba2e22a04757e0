"""The showcase's moderation queue in the admin: reviewers approve each version a family sends (one by one or in
bulk) or refuse it with a reason the family is told. Versions and entries are never edited as fields: each step is
a button or a bulk action calling `services.version_transition`, and each page shows the entry's history."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from families.roles import user_can_review
from intaj_portal.admin_tools import ReadOnlyAdminMixin
from intaj_portal.errors import ServiceError, form_error_add, message_add
from intaj_portal.text import step_between
from showcase import selectors, services
from showcase.forms import RefuseForm
from showcase.models import Entry, Version
from showcase.workflow import Role, Status, steps_from

FORM_PAGE = "admin/benefits/form_page.html"


def _photos_html(version: Version):
    photos = version.photos.all()
    if not photos:
        return "—"
    return format_html_join(
        "",
        '<a href="{0}" target="_blank" rel="noopener"><img class="showcase-admin-photo" src="{1}" alt=""></a>',
        (
            (reverse("showcase:photo", args=[photo.pk, 1280]), reverse("showcase:photo", args=[photo.pk, 320]))
            for photo in photos
        ),
    )


def _contacts_html(version: Version):
    rows = [
        (label, value)
        for label, value in (
            (_("phone"), version.phone),
            (_("WhatsApp"), version.whatsapp),
            (_("Instagram account"), version.instagram),
            (_("web shop"), version.web_shop),
        )
        if value
    ]
    return format_html_join("", '<div>{}: <bdi dir="ltr">{}</bdi></div>', rows) if rows else "—"


def _history_html(entry: Entry):
    """The entry's steps, oldest first: when, what, who, and the reason written to the family."""
    rows = (
        (
            timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M"),
            event
            if event.action != event.Action.STEP
            else step_between(event.get_from_status_display() or "—", event.get_to_status_display()),
            event.actor or _("the portal"),
            event.reason or "—",
        )
        for event in entry.events.select_related("actor")
    )
    row = '<tr><td>{}</td><td>{}</td><td><bdi>{}</bdi></td><td dir="auto">{}</td></tr>'
    return format_html(
        '<table data-testid="showcase-history"><tbody>{}</tbody></table>', format_html_join("", row, rows)
    )


class PublicFilter(admin.SimpleListFilter):
    """Entries the public sees today (the dashboard's figure links here): opted in, approved, licence valid."""

    title = _("shown to the public today")
    parameter_name = "public"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes")), ("no", _("No"))]

    def queryset(self, request, queryset):
        public = selectors.entries_public(today=timezone.localdate()).values("pk")
        if self.value() == "yes":
            return queryset.filter(pk__in=public)
        if self.value() == "no":
            return queryset.exclude(pk__in=public)
        return queryset


@admin.register(Entry)
class EntryAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["trade_name", "package", "licence", "is_opted_in", "published_at"]
    list_filter = [PublicFilter, "is_opted_in", ("licence__package", admin.RelatedFieldListFilter)]
    list_select_related = ["licence__package", "licence__family"]
    search_fields = ["licence__trade_name_ar", "licence__trade_name_en", "licence__number"]
    ordering = ["-published_at", "-id"]
    fields = ["licence", "is_opted_in", "published", "draft", "published_at", "history_table"]
    readonly_fields = fields

    def lookup_allowed(self, lookup, value, request=None):
        # The stored search document is PostgreSQL's own type: no list filters by it (SQLite cannot even read it).
        if lookup.split("__")[0] == "search_document":
            return False
        return super().lookup_allowed(lookup, value, request)

    @admin.display(description=_("trade name"), ordering="licence__trade_name_en")
    def trade_name(self, entry):
        return entry.licence.trade_name

    @admin.display(description=_("package"), ordering="licence__package__display_order")
    def package(self, entry):
        return entry.licence.package

    @admin.display(description=_("history"))
    def history_table(self, entry):
        return _history_html(entry)


@admin.register(Version)
class VersionAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["trade_name", "package", "family", "status", "submitted_at", "decided_by"]
    list_display_links = ["trade_name"]
    list_filter = ["status", ("entry__licence__package", admin.RelatedFieldListFilter)]
    list_select_related = ["entry__licence__package", "entry__licence__family", "decided_by"]
    search_fields = ["entry__licence__trade_name_ar", "entry__licence__trade_name_en", "entry__licence__number"]
    search_help_text = _("Trade name or licence number.")
    ordering = ["-submitted_at", "-id"]
    actions = ["approve"]
    fields = [
        "entry",
        "status",
        "show_trade_name",
        "activities",
        "description_ar",
        "description_en",
        "contacts",
        "photos_shown",
        "public_version",
        "submitted_at",
        "decided_at",
        "decided_by",
        "refusal_reason",
        "history_table",
    ]
    readonly_fields = fields
    change_form_template = "admin/showcase/version/change_form.html"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("activities", "photos")

    @admin.display(description=_("trade name"), ordering="entry__licence__trade_name_en")
    def trade_name(self, version):
        return version.entry.licence.trade_name

    @admin.display(description=_("package"), ordering="entry__licence__package__display_order")
    def package(self, version):
        return version.entry.licence.package

    @admin.display(description=_("family"), ordering="entry__licence__family__full_name_en")
    def family(self, version):
        return version.entry.licence.family.full_name

    @admin.display(description=_("contact links"))
    def contacts(self, version):
        return _contacts_html(version)

    @admin.display(description=_("photos"))
    def photos_shown(self, version):
        return _photos_html(version)

    @admin.display(description=_("shown to the public now"))
    def public_version(self, version):
        published = version.entry.published
        if published is None:
            return _("Nothing yet: this is the entry's first version.")
        if published.pk == version.pk:
            return _("This version.")
        url = reverse("admin:showcase_version_change", args=[published.pk])
        return format_html(
            '<a href="{}">{}</a><div dir="rtl" lang="ar">{}</div><div dir="ltr" lang="en">{}</div>',
            url,
            _("The approved version"),
            published.description_ar,
            published.description_en,
        )

    @admin.display(description=_("history"))
    def history_table(self, version):
        return _history_html(version.entry)

    def has_decide_permission(self, request, obj=None):
        return request.user.has_perm("showcase.decide_version") and user_can_review(request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        version = self.get_object(request, object_id)
        buttons = []
        if version is not None and self.has_decide_permission(request):
            buttons = [(target, step.title) for target, step in steps_from(version.status, role=Role.REVIEWER)]
        context = {"step_buttons": buttons, "version": version, **(extra_context or {})}
        return super().change_view(request, object_id, form_url, extra_context=context)

    def get_urls(self):
        step = self.admin_site.admin_view(self.step_view)
        return [path("<id:object_id>/step/<slug:to_status>/", step, name="showcase_version_step"), *super().get_urls()]

    def step_view(self, request, object_id, to_status):
        """One reviewer's step on one version: a page to confirm (with the reason of a refusal), then the step."""
        if not self.has_decide_permission(request):
            raise PermissionDenied
        if to_status not in Status.values:
            raise Http404
        version = get_object_or_404(Version.objects.select_related("entry__licence"), pk=object_id)
        change_url = reverse("admin:showcase_version_change", args=[version.pk])
        steps = dict(steps_from(version.status, role=Role.REVIEWER))
        if to_status not in steps:
            messages.error(
                request,
                _("This step is not possible: the version is now “%(status)s”.")
                % {"status": version.get_status_display()},
            )
            return redirect(change_url)
        step = steps[to_status]
        posted = request.POST if request.method == "POST" else None
        form = RefuseForm(posted) if step.needs_reason else forms.Form(posted)
        if posted is not None and form.is_valid():
            try:
                services.version_transition(
                    version=version, to_status=to_status, actor=request.user, reason=form.cleaned_data.get("reason", "")
                )
            except ServiceError as error:
                form_error_add(form, error)
            else:
                messages.success(request, _("%(row)s: %(step)s — done.") % {"row": version.entry, "step": step.title})
                return redirect(reverse("admin:showcase_version_changelist") + "?status__exact=pending")
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": f"{step.title}: {version.entry}",
            "form": form,
            "button": step.title,
            "back_url": change_url,
            "media": self.media + form.media,
        }
        return TemplateResponse(request, FORM_PAGE, context)

    @admin.action(description=_("Approve the selected versions"), permissions=["decide"])
    def approve(self, request, queryset):
        """Approve each selected version on its own; a refusal of one (no longer waiting) does not stop the others."""
        count = 0
        for version in queryset.select_related("entry__licence").order_by("submitted_at", "pk"):
            try:
                services.version_transition(version=version, to_status=Status.APPROVED, actor=request.user)
            except ServiceError as error:
                message_add(request, error, level=messages.WARNING, about=version)
            else:
                count += 1
        if count:
            messages.success(
                request,
                ngettext("%(count)d version approved.", "%(count)d versions approved.", count) % {"count": count},
            )

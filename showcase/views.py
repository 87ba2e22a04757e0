"""The showcase's pages: the public list and entry pages (no login, both languages), the photos, and the licence
holder's page where it chooses what to publish, hides its entry or shows it again.

Another family's licence or photo is a 404; a photo of an entry that is not public is a 404 for anyone but its
family and the centre's reviewers.
"""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, HttpResponseNotModified
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from intaj_portal.access import family_required
from intaj_portal.errors import ServiceError, form_error_add, message_add
from intaj_portal.inputs import id_parse
from licenses.models import Licence
from showcase import selectors, services
from showcase.forms import EntryForm, ShowcaseFilterForm
from showcase.models import PHOTO_WIDTHS, Entry, photo_name
from showcase.photos import showcase_storage

PAGE_SIZE = 12
# Pages further than this answer as the last one: 12,000 entries, more than the showcase will hold for years.
MAX_PAGE = 1000


@dataclass(frozen=True)
class ShowcasePage:
    """One page of entries and whether there is another, read in one query of 13 rows: unlike Django's Paginator
    the showcase never counts its entries, a count that grows with them (they are filtered by their licence)."""

    object_list: list
    number: int
    has_next: bool

    @classmethod
    def of(cls, entries, *, number: int) -> "ShowcasePage":
        number = min(number, MAX_PAGE)
        start = (number - 1) * PAGE_SIZE
        rows = list(entries[start : start + PAGE_SIZE + 1])
        return cls(object_list=rows[:PAGE_SIZE], number=number, has_next=len(rows) > PAGE_SIZE)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def previous_page_number(self) -> int:
        return self.number - 1

    @property
    def next_page_number(self) -> int:
        return self.number + 1


@require_GET
def showcase_list(request):
    """The public showcase: by package and activity, searched by words in Arabic or English, 12 entries a page."""
    today = timezone.localdate()
    packages = selectors.package_list_for_showcase()
    form = ShowcaseFilterForm(request.GET)
    chosen = form.cleaned_data if form.is_valid() else {}
    package = next((p for p in packages if p.code == chosen.get("package")), None)
    activities = list(package.activities.all()) if package else []
    activity = next((a for a in activities if a.pk == chosen.get("activity")), None)
    words = chosen.get("q") or ""
    entries = selectors.entry_list_public(today=today, package=package, activity=activity, words=words)
    page = ShowcasePage.of(entries, number=id_parse(request.GET.get("page")) or 1)
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "page": page,
        "packages": packages,
        "package": package,
        "activities": activities,
        "activity": activity,
        "words": words,
        "query": query.urlencode(),
    }
    return render(request, "showcase/list.html", context)


@require_GET
def entry_detail(request, pk):
    try:
        entry = selectors.entry_get_public(pk=pk, today=timezone.localdate())
    except Entry.DoesNotExist:
        raise Http404 from None
    return render(request, "showcase/detail.html", {"entry": entry, "version": entry.published})


@require_GET
def photo(request, pk, width):
    """A stored photo at one of its widths. A public one is cached by browsers and proxies (an ETag and a max age);
    the family's or a reviewer's view of one not public is never kept."""
    if width not in PHOTO_WIDTHS:
        raise Http404
    found = selectors.photo_for_viewer(pk=pk, user=request.user, today=timezone.localdate())
    if found is None:
        raise Http404
    stored, public = found
    etag = f'"{stored.digest[:32]}-{width}"'
    cache_control = f"public, max-age={settings.SHOWCASE_PHOTO_CACHE_SECONDS}" if public else "private, no-store"
    if public and etag in request.headers.get("If-None-Match", ""):
        response = HttpResponseNotModified()
    else:
        try:
            file = showcase_storage().open(photo_name(stored.key, width), "rb")
        except FileNotFoundError:
            raise Http404 from None
        response = FileResponse(file, content_type="image/webp")
        response["X-Content-Type-Options"] = "nosniff"
        response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["ETag"] = etag
    response["Cache-Control"] = cache_control
    return response


def _own_licence(request, licence_pk) -> Licence:
    try:
        return selectors.licence_of_family(user=request.user, pk=licence_pk)
    except Licence.DoesNotExist:
        raise Http404 from None


def _initial(licence, version) -> dict:
    if version is None:
        return {"show_trade_name": True, "activities": list(licence.activities.all())}
    initial = {name: getattr(version, name) for name in services.CONTENT_FIELDS}
    initial["activities"] = list(version.activities.all())
    return initial


@family_required
@require_http_methods(["GET", "POST"])
def entry_edit(request, licence_pk):
    """The licence holder chooses what to publish and sends it for approval."""
    licence = _own_licence(request, licence_pk)
    entry = selectors.entry_of_licence(licence=licence)
    current = (entry.draft or entry.published) if entry else None
    photos = list(current.photos.all()) if current else []
    form = EntryForm(
        request.POST or None,
        request.FILES or None,
        licence=licence,
        photos=photos,
        initial=_initial(licence, current),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.entry_submit(
                licence=licence,
                actor=request.user,
                content=data,
                activities=list(data["activities"]),
                photos_new=data["photos"],
                photos_removed=data["remove_photos"],
            )
        except ServiceError as error:
            form_error_add(form, error)
        else:
            messages.success(request, _("Your showcase entry is sent: the centre will review it before it is shown."))
            return redirect("families:home")
    context = {
        "licence": licence,
        "entry": entry,
        "form": form,
        "photos": photos,
        "is_valid": licence.is_valid_on(timezone.localdate()),
    }
    return render(request, "showcase/edit.html", context, status=400 if form.errors else 200)


@family_required
@require_POST
def entry_visibility(request, licence_pk, show: bool):
    """Hide the entry from the showcase at once, or show its approved version again."""
    licence = _own_licence(request, licence_pk)
    entry = selectors.entry_of_licence(licence=licence)
    if entry is None:
        raise Http404
    try:
        services.entry_visibility_set(entry=entry, opted_in=show, actor=request.user)
    except ServiceError as error:
        message_add(request, error)
    else:
        messages.success(
            request,
            _("Your entry is shown on the showcase again.") if show else _("Your entry is hidden from the showcase."),
        )
    return redirect("families:home")

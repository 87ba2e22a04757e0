"""Every URL of the portal, walked with malformed ids and parameters as every persona: none may answer 500.

The walk discovers what it walks: the URL resolver's tree (family pages, the dashboard and its exports,
notifications, the catalogue), the admin site's registered ModelAdmins with their own URLs, and for each changelist
its list filters' parameters, one lookup per kind of model field, its date hierarchy, search, ordering, pages and
actions. A view added later is walked the day it is added; `test_the_walk_finds_the_pages_it_must` keeps the
discovery from silently walking nothing.

Each address is requested with GET and with a POST of junk in every form field of the portal; each path parameter
is given, in turn, malformed values while the others keep a valid one (an id of the persona's own data, a real step,
a real format). So that the walk stays quick (its figures are printed with `-s`), values are sampled where they
would only repeat one another:
- a malformed value the URL pattern does not let through (`abc` where `<id:pk>` is) is tried once, for the 404;
- a persona turned away at the door (sent to a login page) gets two malformed values per parameter;
- the superuser, who sees every admin page, and the two families, on their pages, get every malformed value; the
  reviewer and the manager, on the same admin pages as the superuser, four each, different ones, and so do the
  admin pages of third-party apps (auth, axes, celery beat), where the defence is the portal's admin site;
- a POST whose page shows its form again is repeated until every field has had every malformed value, by the
  personas who get every value;
- a changelist's parameters get the malformed values that matter for their field (numbers for an integer column,
  dates out of range for a date, a NUL for text, and all of them for a filter of its own or another kind of
  column), from the superuser; the reviewer and the manager get one each.
"""

import copy
import functools
import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, urlsplit

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.views.main import ORDER_VAR, PAGE_VAR, SEARCH_VAR
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.test import Client, RequestFactory, override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern
from django.utils import timezone, translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from dashboard.exports import EXPORT_FORMATS, export_record_create
from dashboard.models import ExportRecord
from families.roles import MANAGERS, REVIEWERS
from families.tokens import email_confirmation_token_make
from licenses import services
from licenses.models import Application, Status
from licenses.services import fee_assess, fee_assessment_request
from licenses.steps import STEPS
from packages_catalog.models import Package
from tests.conftest import PASSWORD
from tests.factories import FamilyProfileFactory, HouseholdMemberFactory, UserFactory
from tests.licenses.factories import complete_application, licence_for

pytestmark = pytest.mark.django_db

PERSONAS = ["anonymous", "alice", "charlie", "reviewer", "manager", "superuser"]
# How many malformed values per path parameter, where not all of them (see the docstring).
AT_THE_DOOR = 2
SAMPLED = {"reviewer": 4, "manager": 4}
PROJECT_APPS = {"intaj_portal", "packages_catalog", "families", "notifications", "licenses", "dashboard"}

# What anyone can type where an id, a slug or a token is expected.
HUGE = "9" * 20
JUNK = ["abc", "0", "-1", HUGE, "1e3", "²", "٣", "x" * 2000, "طلب", "", "../", "\x00"]
# In form fields and query strings: the same kinds of trouble, and dates at the ends of the calendar.
POST_JUNK = ["abc", HUGE, "²", "\x00", "-1", "9999-12-31", "0001-01-01", "x" * 2000]
QUERY_JUNK = ["abc", HUGE, "²", "-1", "1e3", "9999-12-31", "0001-01-01", "\x00", "x" * 2000]
NUMBER_JUNK = [HUGE, "²", "-1"]
DATE_JUNK = ["abc", "9999-12-31", "0001-01-01"]
TEXT_JUNK = ["\x00"]
# The query strings the portal's own pages read (the dashboard's period, pages, a package, the document's view).
PAGE_QUERIES = [
    {"start": "9999-12-31"},
    {"end": "9999-12-31"},
    {"start": "0001-01-01", "end": "0001-01-01"},
    {"start": "²", "end": "abc", "package": HUGE},
    {"package": "-1", "page": HUGE},
    {"page": "-1", "inline": "²", "next": "//evil.example/"},
    {"page": "\x00", "package": "\x00", "start": "\x00"},
]
# The admin's own query parameters on its other pages.
ADMIN_PAGE_QUERIES = [{"_to_field": "abc", "_popup": "²", "_changelist_filters": "reviewer=abc&p=-1"}]


@functools.cache
def _project_form_fields() -> list[str]:
    """Every field name of the portal's forms and models, so a junk POST reaches every form's every field."""
    names = set()
    pending = [forms.BaseForm]
    while pending:
        form_class = pending.pop()
        pending.extend(form_class.__subclasses__())
        if form_class.__module__.split(".")[0] in PROJECT_APPS:
            names.update(getattr(form_class, "base_fields", {}))
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS:
            names.update(f.name for f in model._meta.get_fields() if f.concrete)
    return sorted(names)


def junk_post(rotation: int) -> dict[str, str]:
    """A POST of junk: every form field of the portal with a malformed value, and the ids views read themselves."""
    fields = [
        *_project_form_fields(),
        "id",
        "remove",
        "action",
        "index",
        "_selected_action",
        "select_across",
        "upload",
        "_save",
        "language",
        "next",
    ]
    return {name: POST_JUNK[(index + rotation) % len(POST_JUNK)] for index, name in enumerate(fields)}


def _readiness_reported(response) -> bool:
    """`/readyz` answers 503 by design when a dependency is slow to answer (a loaded machine): its report, not a
    failure. Any other 503 still fails the walk."""
    return (
        response.status_code == 503
        and response.get("Content-Type") == "application/json"
        and response.json().get("status") == "not ready"
    )


# Discovery


@dataclass
class Parameter:
    name: str
    regex: str  # what the pattern lets through to the view
    choices: list[str] = field(default_factory=list)  # a regex alternation's words, when it is one

    def reaches_view(self, value: str) -> bool:
        return re.fullmatch(self.regex, value) is not None


@dataclass
class Route:
    """One URL pattern, as the chain of patterns from the root down to its view."""

    segments: list  # literal strings and Parameters, in order
    name: str  # "namespace:name", or "" for an unnamed pattern
    model_admin: admin.ModelAdmin | None

    @property
    def parameters(self) -> list[Parameter]:
        return [segment for segment in self.segments if isinstance(segment, Parameter)]

    def path(self, values: dict[str, str], language: str) -> str:
        parts = []
        for segment in self.segments:
            if segment is LANGUAGE:
                parts.append(f"{language}/")
            elif isinstance(segment, Parameter):
                parts.append(quote(values[segment.name], safe=""))
            else:
                parts.append(segment)
        return "/" + "".join(parts)

    def __str__(self):
        return self.path({p.name: f"<{p.name}>" for p in self.parameters}, "en").replace("%3C", "<").replace("%3E", ">")


LANGUAGE = object()
ROUTE_PARAMETER = re.compile(r"<(?:[^>:]+:)?(?P<name>[^>]+)>")
REGEX_GROUP = re.compile(r"\((?:\?P<(?P<name>\w+)>)?(?P<body>[^()]*)\)")


def _segments(pattern, position: int) -> list:
    if isinstance(pattern, LocalePrefixPattern):
        return [LANGUAGE]
    if isinstance(pattern, RoutePattern):
        route, segments, start = str(pattern), [], 0
        for match in ROUTE_PARAMETER.finditer(route):
            parameter = Parameter(match["name"], pattern.converters[match["name"]].regex)
            segments += [route[start : match.start()], parameter]
            start = match.end()
        return [*segments, route[start:]]
    if isinstance(pattern, RegexPattern):
        regex, segments, start = pattern._regex.removeprefix("^").removesuffix("$"), [], 0
        for index, match in enumerate(REGEX_GROUP.finditer(regex), start=1):
            body = match["body"]
            words = body.split("|") if re.fullmatch(r"\w+(\|\w+)*", body) else []
            parameter = Parameter(match["name"] or f"arg{position}_{index}", body, words)
            segments += [regex[start : match.start()], parameter]
            start = match.end()
        segments.append(regex[start:])
        literals = "".join(s for s in segments if isinstance(s, str))
        if re.search(r"[\\^$.*+?()\[\]{}|]", literals):
            raise ValueError(f"the walk cannot fill the pattern {regex!r}: teach _segments its shape")
        return segments
    raise ValueError(f"the walk does not know the pattern type {type(pattern).__name__}")


def routes_discover() -> list[Route]:
    """Every URL pattern reachable from the root URLconf, each ModelAdmin's patterns marked with their admin."""
    model_admins = {f"{m._meta.app_label}/{m._meta.model_name}/": a for m, a in admin.site._registry.items()}
    found = []

    def walk(patterns, segments, namespace, model_admin):
        for position, pattern in enumerate(patterns):
            here = segments + _segments(pattern.pattern, position)
            if isinstance(pattern, URLResolver):
                ns = pattern.namespace or namespace
                owner = model_admins.get(str(pattern.pattern)) if ns == admin.site.name else None
                walk(pattern.url_patterns, here, ns, owner or model_admin)
            else:
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name or ""
                found.append(Route(here, name, model_admin))

    walk(get_resolver().url_patterns, [], "", None)
    return found


def _junk_for(model_field) -> list[str]:
    """The malformed values that matter for a column of this kind."""
    if model_field is not None and model_field.is_relation:
        model_field = getattr(model_field, "target_field", None)
    if isinstance(model_field, models.IntegerField):  # ids too
        return NUMBER_JUNK
    if isinstance(model_field, models.DateField):
        return DATE_JUNK
    if isinstance(model_field, models.CharField | models.TextField):
        return TEXT_JUNK
    return QUERY_JUNK


def changelist_parameters(model_admin, user) -> dict[str, list[str]]:
    """The query parameters a changelist reads, each with the malformed values to try.

    Its list filters' own parameters (found by building the list as `user`), the date hierarchy's, one lookup per
    kind of field of the model (the admin accepts a lookup on any of its own fields), search, ordering and page.
    """
    request = RequestFactory().get("/")
    request.user = user
    changelist = model_admin.get_changelist_instance(request)
    parameters = {
        name: _junk_for(getattr(spec, "field", None))
        for spec in changelist.filter_specs
        for name in spec.expected_parameters()
    }
    if model_admin.date_hierarchy:
        parameters |= {f"{model_admin.date_hierarchy}__{part}": NUMBER_JUNK for part in ("year", "month", "day")}
    one_per_kind = {}
    for model_field in model_admin.model._meta.concrete_fields:
        one_per_kind.setdefault(type(model_field), model_field)
    parameters |= {model_field.name: _junk_for(model_field) for model_field in one_per_kind.values()}
    parameters |= {SEARCH_VAR: ["\x00", "x" * 2000, "²"], ORDER_VAR: NUMBER_JUNK, PAGE_VAR: NUMBER_JUNK}
    return parameters | dict.fromkeys(["e", "all", "_to_field", "_popup"], ["abc"])


# The personas and their data, written once for the module


@dataclass
class World:
    users: dict
    ids: dict  # (route name, parameter) -> valid values
    rows: dict  # model -> the primary key of its latest row
    history: dict  # model -> (primary key, history id)
    content_type: str
    application: str


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker, tmp_path_factory):
    documents = tmp_path_factory.mktemp("documents")
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        "documents": {"BACKEND": "django.core.files.storage.FileSystemStorage", "OPTIONS": {"location": documents}},
    }
    with (
        override_settings(STORAGES=storages, PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        yield _world_write()
        transaction.set_rollback(True)


def _world_write() -> World:
    now = timezone.now()
    alice = UserFactory(email="alice@example.ae", password=PASSWORD, email_confirmed_at=now)
    charlie = UserFactory(email="charlie@example.ae", password=PASSWORD)  # a family account with no profile yet
    reviewer = UserFactory(email="reviewer@intaj.example.ae", password=PASSWORD, is_staff=True)
    reviewer.groups.add(Group.objects.get(name=REVIEWERS))
    manager = UserFactory(email="manager@intaj.example.ae", password=PASSWORD, is_staff=True)
    manager.groups.add(Group.objects.get(name=MANAGERS))
    superuser = UserFactory(email="root@intaj.example.ae", password=PASSWORD, is_staff=True, is_superuser=True)

    family = FamilyProfileFactory(user=alice)
    member = HouseholdMemberFactory(profile=family)
    draft = complete_application(family=family, package_code="tayeb")
    reviewed = complete_application(family=family, package_code="atayeb")
    services.application_transition(application=reviewed, to_status=Status.SUBMITTED, actor=alice)
    services.application_transition(application=reviewed, to_status=Status.UNDER_REVIEW, actor=reviewer)
    approved = complete_application(family=family, package_code="mohra", status=Status.APPROVED)
    fee_assess(assessment_id=fee_assessment_request(application=approved, actor=reviewer).pk)
    licence = licence_for(family=family, package_code="ibdaa", issued_on=timezone.localdate())
    export_record_create(actor=manager, what=ExportRecord.What.FIGURES, fmt="csv", filters={}, row_count=1)

    document = draft.documents.first()
    rows = {
        model: [str(pk) for pk in model._default_manager.order_by("-pk").values_list("pk", flat=True)[:1]]
        for model in admin.site._registry
    }
    history = {}
    for model in admin.site._registry:
        if hasattr(model, "history") and (record := model.history.order_by("-history_id").first()) is not None:
            history[model] = (str(getattr(record, model._meta.pk.attname)), str(record.history_id))
    applications = [str(draft.pk), str(reviewed.pk)]
    ids = {
        ("families:email_confirm", "token"): [email_confirmation_token_make(user=alice)],
        ("families:password_reset_confirm", "uidb64"): [urlsafe_base64_encode(force_bytes(alice.pk))],
        ("families:password_reset_confirm", "token"): [default_token_generator.make_token(alice)],
        ("families:member_edit", "pk"): [str(member.pk)],
        ("families:member_remove", "pk"): [str(member.pk)],
        ("licenses:licence_renew", "pk"): [str(licence.pk)],
        ("licenses:document_download", "document_pk"): [str(document.pk)],
        ("licenses:application_step", "step"): [step.slug for step in STEPS],
        ("admin:licenses_application_step", "to_status"): [status.value for status in Status],
        ("admin:licenses_application_step", "object_id"): [str(reviewed.pk), str(approved.pk)],
        ("admin:licenses_application_fee_reassess", "object_id"): [str(approved.pk), str(reviewed.pk)],
        ("dashboard:figures_export", "fmt"): list(EXPORT_FORMATS),
        ("dashboard:application_list_export", "fmt"): list(EXPORT_FORMATS),
        ("catalog:package_detail", "code"): list(Package.objects.values_list("code", flat=True)[:2]),
    }
    for name in ("application_detail", "application_step", "application_submit", "application_withdraw"):
        ids[(f"licenses:{name}", "pk")] = applications
    ids[("licenses:application_delete", "pk")] = applications
    ids[("licenses:document_download", "pk")] = [str(draft.pk)]
    return World(
        users={"anonymous": None, "alice": alice, "charlie": charlie, "reviewer": reviewer, "manager": manager}
        | {"superuser": superuser},
        ids=ids,
        rows=rows,
        history=history,
        content_type=str(ContentType.objects.get_for_model(draft).pk),
        application=str(reviewed.pk),
    )


def valid_values(route: Route, parameter: Parameter, world: World) -> list[str]:
    """Values the view accepts, so that the walk reaches past the address into the view."""
    if parameter.choices:
        return parameter.choices
    if (route.name, parameter.name) in world.ids:
        return world.ids[(route.name, parameter.name)]
    if route.name == "admin:view_on_site":
        return {"content_type_id": [world.content_type], "object_id": [world.application]}[parameter.name]
    if route.model_admin is not None:
        model = route.model_admin.model
        if route.name.endswith("_simple_history") and model in world.history:
            object_id, history_id = world.history[model]
            return [object_id if parameter.name.endswith("_1") else history_id]
        if parameter.name == "object_id" and world.rows.get(model):
            return world.rows[model]
    return ["1"]


# The walk


@dataclass
class Walk:
    client: Client
    persona: str
    login_paths: set
    failures: list = field(default_factory=list)
    requests: int = 0

    def request(self, method: str, path: str, data: dict | None = None):
        """One request in a savepoint rolled back after it, with the persona's cookies kept: each request sees the
        world as written, whatever the one before changed (a delete, a log-out)."""
        self.requests += 1
        cookies = copy.deepcopy(self.client.cookies)
        shown = f"{method} {path[:160]}{'?' + str(data)[:160] if data and method == 'GET' else ''} as {self.persona}"
        try:
            with transaction.atomic():
                response = getattr(self.client, method.lower())(path, data or {})
                if response.streaming:  # a download: read to its end, which closes its file
                    b"".join(response.streaming_content)
                transaction.set_rollback(True)
        except Exception as error:
            self.failures.append(f"{shown} → {type(error).__name__}: {str(error)[:200]}")
            return None
        finally:
            self.client.cookies = cookies
        if response.status_code >= 500 and not _readiness_reported(response):
            self.failures.append(f"{shown} → {response.status_code}")
        return response

    def turned_away(self, response) -> bool:
        """Sent to a login page: the page never read its parameters."""
        return (
            response is not None
            and response.status_code == 302
            and urlsplit(response["Location"]).path in self.login_paths
        )


def cases(route: Route, world: World, *, sample: int | None, offset: int) -> Iterator[dict[str, str]]:
    """Each parameter in turn given its other valid values and malformed ones, the others keeping a valid one.

    Of the malformed values the pattern does not let through (`abc` where `<id:pk>` is), one is tried, for the
    404; of the rest, all, or `sample` of them starting at `offset`.
    """
    valid = {p.name: valid_values(route, p, world) for p in route.parameters}
    base = {name: values[0] for name, values in valid.items()}
    for position, parameter in enumerate(route.parameters):
        for value in valid[parameter.name][1:]:
            yield {**base, parameter.name: value}
        junk = [value for value in JUNK if parameter.reaches_view(value)]
        junk += [value for value in JUNK if not parameter.reaches_view(value)][:1]
        if sample is not None:
            junk = [junk[(offset + position + k) % len(junk)] for k in range(min(sample, len(junk)))]
        for value in junk:
            yield {**base, parameter.name: value}


def walk_route(walk: Walk, route: Route, world: World, index: int) -> None:
    """The valid address (GET, and a POST of junk), each malformed variant of it, then its query strings."""
    language = ("ar", "en")[index % 2]
    base_path = route.path({p.name: valid_values(route, p, world)[0] for p in route.parameters}, language)
    door_get = walk.turned_away(walk.request("GET", base_path))
    posted = walk.request("POST", base_path, junk_post(index))
    if door_get and walk.turned_away(posted):
        sample = AT_THE_DOOR
    elif route.model_admin is not None and route.model_admin.opts.app_label not in PROJECT_APPS:
        sample = SAMPLED["reviewer"]  # a third-party app's page: the defence walked there is the portal's admin site
    else:
        sample = SAMPLED.get(walk.persona)
    is_changelist = route.model_admin is not None and route.name.endswith("_changelist")
    if sample is None and posted is not None and posted.status_code in {200, 400} and not is_changelist:
        # The view read the junk and showed its form again: every field gets every malformed value. (A changelist's
        # own form, its actions, is walked below.)
        for rotation in range(1, len(POST_JUNK)):
            walk.request("POST", base_path, junk_post(index + rotation))
    offset = PERSONAS.index(walk.persona) * 4
    for number, values in enumerate(cases(route, world, sample=sample, offset=offset)):
        path = route.path(values, language)
        walk.request("GET", path)
        walk.request("POST", path, junk_post(index + number))
    if door_get:
        return
    if route.model_admin is None:
        queries = PAGE_QUERIES
    elif not is_changelist:
        queries = ADMIN_PAGE_QUERIES
    else:
        queries = changelist_queries(walk, route.model_admin, world)
    for query in queries:
        walk.request("GET", base_path, query)
    if is_changelist:
        for data in action_posts(walk, route.model_admin, world):
            walk.request("POST", base_path, data)


def changelist_queries(walk: Walk, model_admin, world: World) -> list[dict]:
    user = world.users[walk.persona]
    parameters = changelist_parameters(model_admin, user)
    # The last moments of the calendar, reached only by a year and a month together.
    hierarchy = model_admin.date_hierarchy
    ends = (
        [{f"{hierarchy}__year": "9999", f"{hierarchy}__month": "12"}, {f"{hierarchy}__year": "1"}] if hierarchy else []
    )
    if walk.persona == "superuser":
        return [{name: value} for name, values in parameters.items() for value in values] + ends
    # Another member of staff: one malformed value per parameter, a different one for each persona and parameter.
    offset = PERSONAS.index(walk.persona)
    return [
        {name: values[(position + offset) % len(values)]} for position, (name, values) in enumerate(parameters.items())
    ] + ends


def action_posts(walk: Walk, model_admin, world: World) -> list[dict]:
    """Each action the persona may run, on malformed selections, and on a real row with `select_across`."""
    request = RequestFactory().get("/")
    request.user = world.users[walk.persona]
    posts = []
    for position, name in enumerate(model_admin.get_actions(request)):
        selections = ["abc", HUGE, "²", "-1", "1e3", "\x00"] if walk.persona == "superuser" else [JUNK[position]]
        posts += [{"action": name, "index": "0", "_selected_action": value} for value in selections]
        rows = world.rows.get(model_admin.model) or ["1"]
        posts.append({"action": name, "index": "²", "_selected_action": rows[0], "select_across": "abc"})
    return posts


@pytest.fixture(scope="module")
def routes():
    return routes_discover()


def test_the_walk_finds_the_pages_it_must(routes, world):
    names = {route.name for route in routes}
    print(f"\nthe walk discovered {len(routes)} URL patterns, {len([r for r in routes if r.model_admin])} in the admin")
    assert len(routes) > 150
    assert {
        "licenses:application_detail",
        "licenses:application_step",
        "licenses:document_download",
        "families:member_edit",
        "notifications:mark_read",
        "dashboard:home",
        "dashboard:figures_export",
        "dashboard:application_list_export",
        "catalog:package_detail",
        "admin:licenses_application_changelist",
        "admin:licenses_application_step",
        "admin:licenses_application_fee_reassess",
        "admin:families_familyprofile_beneficiary",
        "admin:app_list",
        "families:uaepass_start",
        "families:uaepass_callback",
        "families:uaepass_link",
        "uaepass_standin:authorize",
        "uaepass_standin:token",
        "uaepass_standin:userinfo",
        "uaepass_standin:logout",
    } <= names
    # Every registered ModelAdmin is walked, and so are its lists' filters and actions.
    walked_admins = {type(route.model_admin) for route in routes if route.model_admin is not None}
    assert walked_admins == {type(model_admin) for model_admin in admin.site._registry.values()}
    application_admin = admin.site.get_model_admin(Application)
    parameters = changelist_parameters(application_admin, world.users["superuser"])
    assert {"reviewer", "status", "submitted_from", "decided_to", "package__id__exact", "family", "q", "o", "p"} <= set(
        parameters
    )


@pytest.mark.parametrize("persona", PERSONAS)
def test_no_address_answers_500_to_malformed_input(persona, routes, world):
    client = Client(raise_request_exception=True)
    if world.users[persona] is not None:
        client.force_login(world.users[persona])
    login_paths = set()
    for language in ("ar", "en"):
        with translation.override(language):
            login_paths |= {reverse("families:login"), reverse("admin:login")}
    walk = Walk(client, persona, login_paths)
    started, cpu = time.monotonic(), time.process_time()
    # Thousands of 404s and refusals, each logged by Django: the failures are listed below instead.
    loggers = [logging.getLogger(name) for name in ("django.request", "django.security")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    try:
        for index, route in enumerate(routes):
            walk_route(walk, route, world, index)
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)
    seconds, cpu = time.monotonic() - started, time.process_time() - cpu
    print(
        f"\n{persona}: {walk.requests} requests to {len(routes)} URL patterns in {seconds:.1f} s ({cpu:.1f} s of CPU)"
    )
    assert not walk.failures, f"{len(walk.failures)} requests failed:\n" + "\n".join(walk.failures)

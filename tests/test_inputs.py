"""Values anyone can type, read strictly in one place: ids, the admin's lookups, periods of dates."""

import datetime

import pytest
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.urls import Resolver404, resolve
from django.utils import translation

from dashboard.forms import EARLIEST, DashboardFilterForm
from families.models import FamilyProfile
from intaj_portal.admin_tools import StrictInputAdminMixin, lookup_fits
from intaj_portal.inputs import IdField, ModelMultipleIdChoiceField, id_parse, value_fits
from intaj_portal.periods import PeriodForm
from licenses.models import Application
from notifications.models import Notification
from packages_catalog.models import Package

HUGE = "9" * 20


@pytest.mark.parametrize("raw, expected", [("1", 1), ("42", 42), ("007", 7), ("9" * 18, 10**18 - 1)])
def test_an_id_is_one_to_eighteen_ascii_digits(raw, expected):
    assert id_parse(raw) == expected


@pytest.mark.parametrize(
    "raw",
    ["", "abc", "-1", "+1", "1e3", "1.0", " 1", "1 ", "1\n", "²", "٣", "１", "9" * 19, HUGE, "0x1", None, 1],
)
def test_anything_else_is_no_id(raw):
    # '²'.isdigit() and '٣'.isdigit() are True, and int('٣') is 3: neither is an id.
    assert id_parse(raw) is None


def test_eighteen_digits_always_fit_the_databases_largest_integer():
    assert int("9" * 18) < 2**63 - 1


@pytest.fixture
def arabic():
    """The addresses below are the Arabic site's, whatever language an earlier test left active."""
    with translation.override("ar"):
        yield


@pytest.mark.parametrize("raw", ["abc", "1e3", "-1", "²", HUGE])
def test_an_address_with_a_malformed_id_names_no_page(raw, arabic):
    assert resolve("/ar/applications/1/").url_name == "application_detail"  # the same address with an id does
    with pytest.raises(Resolver404):
        resolve(f"/ar/applications/{raw}/")
    # In the admin, Django's own patterns take what is left (its "<path:object_id>/" redirect): never the step.
    assert resolve(f"/ar/admin/licenses/application/{raw}/step/approved/").url_name != "licenses_application_step"


def test_an_address_with_an_id_gives_the_view_an_int(arabic):
    assert resolve("/ar/applications/42/").kwargs == {"pk": 42}
    assert resolve("/ar/admin/families/familyprofile/7/beneficiary/").kwargs == {"object_id": 7}


def test_an_id_field_is_empty_an_id_or_an_error():
    field = IdField(required=False)
    assert field.clean("") is None
    assert field.clean("12") == 12
    for raw in ("1e3", "-1", "²"):
        with pytest.raises(ValidationError) as refused:
            field.clean(raw)
        assert refused.value.code == "invalid"


@pytest.mark.parametrize(
    "model, name, raw, fits",
    [
        (Application, "id", "12", True),
        (Application, "id", "-1", False),
        (Application, "id", "²", False),
        (Application, "id", HUGE, False),
        (Application, "reference", "ETM-2026-000001", True),
        (Application, "reference", "ETM\x00", False),
        (Application, "submitted_at", "2026-05-01", True),
        (Application, "submitted_at", "0001-01-01", False),
        (Application, "decided_at", "9999-12-31", False),
        (Application, "submitted_at", "not a date", True),  # the admin refuses it itself, with its "?e=1"
        (FamilyProfile, "date_of_birth", "1985-03-14", True),
    ],
)
def test_a_value_fits_its_column_or_not(model, name, raw, fits):
    assert value_fits(model._meta.get_field(name), raw) is fits


@pytest.mark.parametrize(
    "lookup, raw, fits",
    [
        ("family", "3", True),
        ("family", HUGE, False),
        ("family__id__exact", "²", False),
        ("package__id__exact", "2", True),
        ("id__in", "1,2,3", True),
        ("id__in", f"1,{HUGE}", False),
        ("family__full_name_en__icontains", "Maryam", True),
        ("submitted_at__gte", "0001-01-01", False),
        ("submitted_at__year", "2026", True),
        ("submitted_at__year", HUGE, False),
        ("submitted_at__year", "9999", False),
        ("decided_at__isnull", "anything", True),
        ("no_such_field", HUGE, True),  # not a field: the admin refuses it itself
    ],
)
def test_an_admin_lookup_fits_its_field_or_not(lookup, raw, fits):
    assert lookup_fits(Application, lookup, raw) is fits


def test_a_period_is_two_days_of_the_calendar_the_end_not_before_the_start():
    assert PeriodForm({"start": "2026-01-01", "end": ""}).is_valid()
    assert PeriodForm({"start": "", "end": ""}).is_valid()
    for data, field in [
        ({"start": "0001-01-01", "end": ""}, "start"),
        ({"start": "", "end": "9999-12-31"}, "end"),
        ({"start": "2026-02-30", "end": ""}, "start"),
        ({"start": "2026-03-01", "end": "2026-02-01"}, "end"),
    ]:
        form = PeriodForm(data)
        assert not form.is_valid() and list(form.errors) == [field], data


@pytest.mark.django_db
def test_several_rows_chosen_by_id_refuse_a_number_no_row_can_have():
    field = ModelMultipleIdChoiceField(queryset=Package.objects.all())
    tayeb = Package.objects.get(code="tayeb")
    assert list(field.clean([str(tayeb.pk)])) == [tayeb]
    for raw in (HUGE, "²", "-1"):
        with pytest.raises(ValidationError) as refused:
            field.clean([raw])
        assert refused.value.code == "invalid_pk_value"


def test_every_model_admin_of_the_site_refuses_malformed_input():
    """The project's own and the third-party ones (auth, axes, celery beat): the admin site gives them the mixin."""
    model_admins = admin.site._registry.values()
    assert len(model_admins) > 15
    assert all(isinstance(model_admin, StrictInputAdminMixin) for model_admin in model_admins)
    assert isinstance(admin.site.get_model_admin(Notification), StrictInputAdminMixin)


def test_a_period_field_keeps_the_dashboards_own_first_day():
    form = DashboardFilterForm({"start": (EARLIEST - datetime.timedelta(days=1)).isoformat()}, packages=[])
    assert not form.is_valid() and "start" in form.errors

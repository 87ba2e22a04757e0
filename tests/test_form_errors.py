"""Every form of the portal that fails shows one error summary at its top (templates/_error_summary.html): a heading,
each error as a link to its field, the form's own errors too, and the focus on it (static/js/error_summary.js,
loaded on every page; no inline script)."""

import re

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation

from intaj_portal.templatetags.form_errors import ErrorItem, error_items
from licenses.models import Status
from tests.benefits.conftest import licence_holder
from tests.benefits.factories import exhibition_make
from tests.licenses.conftest import eligible_family
from tests.licenses.factories import complete_application

pytestmark = pytest.mark.django_db

SUMMARY = re.compile(r'<div class="error-summary[^"]*"[^>]*data-error-summary[^>]*>(.*?)</div>', re.S)


class ChoiceForm(forms.Form):
    name = forms.CharField()
    colours = forms.MultipleChoiceField(choices=[("red", "Red"), ("blue", "Blue")], widget=forms.CheckboxSelectMultiple)
    token = forms.CharField(widget=forms.HiddenInput)

    def clean(self):
        raise forms.ValidationError("The whole form is wrong.")


@pytest.mark.django_db(False)
def test_the_summary_lists_the_forms_own_errors_first_then_each_field_with_its_input():
    with translation.override("en"):
        items = error_items(ChoiceForm({}))
    assert items == [
        ErrorItem("The whole form is wrong.", ""),
        ErrorItem("This field is required.", "id_name"),
        ErrorItem("This field is required.", "id_colours_0"),  # a list of boxes: its first box
        ErrorItem("This field is required.", ""),  # a hidden field has nothing to focus
    ]


@pytest.mark.django_db(False)
def test_an_unbound_or_valid_form_or_no_form_has_no_summary():
    assert error_items(ChoiceForm()) == []
    assert error_items(None) == []
    assert error_items("") == []


def summary(html: str) -> str:
    found = SUMMARY.search(html)
    assert found, "no error summary on the page"
    return found.group(1)


def test_signup_with_mistakes_says_there_is_a_problem_in_arabic_and_links_each_field(client):
    with translation.override("ar"):
        response = client.post(reverse("families:signup"), {"email": "not-an-address", "password1": "a"})
    html = response.content.decode()
    assert html.count("data-error-summary") == 1
    found = summary(html)
    assert "يوجد خطأ" in found
    assert 'href="#id_email"' in found and 'href="#id_password2"' in found
    assert 'tabindex="-1"' in html and "autofocus" in html
    assert html.index("data-error-summary") < html.index('data-testid="signup-form"')


def test_a_wrong_password_is_a_summary_without_a_link(client, alice):
    response = client.post(reverse("families:login"), {"username": "alice@example.ae", "password": "wrong"})
    found = summary(response.content.decode())
    assert "<a " not in found.split("</h2>", 1)[1]


@pytest.mark.parametrize(
    ("step", "data", "targets"),
    [
        ("activities", {}, ["#id_activities_0"]),
        (
            "business",
            {"trade_name_ar": "Latin", "trade_name_en": ""},
            ["#id_trade_name_ar", "#id_trade_name_en", "#id_products_description"],
        ),
        ("production", {}, ["#id_production_place_0", "#id_production_address"]),
    ],
)
def test_an_application_step_that_fails_links_each_field(client, alice, step, data, targets):
    application = complete_application(family=eligible_family(alice))
    client.force_login(alice)
    response = client.post(reverse("licenses:application_step", kwargs={"pk": application.pk, "step": step}), data)
    assert re.findall(r'href="(#id_[a-z_0-9]+)"', summary(response.content.decode())) == targets


def test_a_required_field_is_marked_on_the_first_visit(client, alice):
    application = complete_application(family=eligible_family(alice))
    client.force_login(alice)
    html = client.get(reverse("licenses:application_step", kwargs={"pk": application.pk, "step": "business"}))
    html = html.content.decode()
    assert "data-error-summary" not in html
    assert len(re.findall(r'requiredField">\s*[^<]+<span class="asteriskField">\*</span>', html)) == 3


def test_saving_a_step_as_draft_still_needs_nothing(client, alice):
    application = complete_application(family=eligible_family(alice))
    client.force_login(alice)
    step = reverse("licenses:application_step", kwargs={"pk": application.pk, "step": "business"})
    response = client.post(step, {"trade_name_ar": "", "trade_name_en": "", "save_draft": "1"})
    assert response.status_code == 302


def test_sending_without_the_declaration_links_to_the_box(client, alice):
    application = complete_application(family=eligible_family(alice))
    client.force_login(alice)
    response = client.post(reverse("licenses:application_submit", kwargs={"pk": application.pk}), {})
    assert response.status_code == 400
    assert re.findall(r'href="(#[a-z_]+)"', summary(response.content.decode())) == ["#id_confirm"]


def test_a_refused_file_is_in_the_summary_linked_to_its_input(client, alice):
    application = complete_application(family=eligible_family(alice))
    client.force_login(alice)
    documents = reverse("licenses:application_step", kwargs={"pk": application.pk, "step": "documents"})
    from django.core.files.uploadedfile import SimpleUploadedFile

    bad = SimpleUploadedFile("notes.txt", b"plain text", content_type="text/plain")
    response = client.post(documents, {"document_passport": bad, "upload": "1"})
    assert 'href="#id_document_passport"' in summary(response.content.decode())


def test_a_booth_application_without_products_links_to_the_field(client, alice):
    licence_holder(alice)
    exhibition = exhibition_make()
    client.force_login(alice)
    response = client.post(reverse("benefits:exhibition_apply", kwargs={"pk": exhibition.pk}), {"products": ""})
    assert 'href="#id_products"' in summary(response.content.decode())


def test_a_reviewers_step_form_shows_the_summary_in_the_admin(client, reviewer, alice):
    application = complete_application(family=eligible_family(alice), status=Status.UNDER_REVIEW)
    client.force_login(reviewer)
    with translation.override("ar"):
        page = reverse(
            "admin:licenses_application_step", kwargs={"object_id": application.pk, "to_status": "info_requested"}
        )
        response = client.post(page, {"message": ""})
    html = response.content.decode()
    found = summary(html)
    assert "يوجد خطأ" in found
    assert 'href="#id_reason"' in found and 'href="#id_message"' in found
    assert "js/error_summary.js" in html

"""The one way a service refuses, and how a page shows the refusal."""

import pytest
from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError

from intaj_portal.errors import ActorNotAllowed, ServiceError, form_error_add, validation_refused


class MemberForm(forms.Form):
    name = forms.CharField()


@pytest.mark.parametrize(
    ("field", "error", "expected"),
    [
        (
            "emirates_id",
            ValidationError("Check the number.", code="checksum"),
            ("emirates_id", "checksum", "Check the number."),
        ),
        (
            None,
            ValidationError({"relation": [ValidationError("Not a relation.", code="invalid_choice"), "Pick one."]}),
            ("relation", "invalid_choice", "Not a relation. Pick one."),
        ),
        (None, ValidationError({NON_FIELD_ERRORS: ["Inconsistent."]}), (None, "refused", "Inconsistent.")),
    ],
    ids=["on-the-given-field", "on-its-first-field-messages-joined", "whole-record-on-the-whole-form"],
)
def test_a_validators_refusal_inside_a_service_becomes_a_service_error(field, error, expected):
    with pytest.raises(ServiceError) as refusal, validation_refused(field=field):
        raise error
    assert (refusal.value.field, refusal.value.code, refusal.value.message) == expected


def test_the_form_shows_a_refusal_beside_its_field_or_else_above_the_form():
    form = MemberForm({"name": "Sara"})
    assert form.is_valid()
    form_error_add(form, ServiceError("Taken.", code="taken", field="name"))
    form_error_add(form, ServiceError("Not on this form.", field="relation"))
    assert form.has_error("name", code="taken")
    assert form.non_field_errors() == ["Not on this form."]


def test_a_refusal_of_the_person_that_nobody_catches_answers_403():
    assert isinstance(ActorNotAllowed("not yours"), PermissionDenied)

"""The error summary every form of the portal shows at its top when it fails (the GOV.UK pattern).

`{% error_summary form %}` lists what is wrong, the form's own errors first, then each field's error as a link to the
field; `static/js/error_summary.js` moves the focus to the summary when the page loads and to the field when a link
is followed.
"""

from dataclasses import dataclass

from django import forms, template

register = template.Library()


@dataclass(frozen=True)
class ErrorItem:
    message: str
    target: str  # the id of the input that the item links to; "" for an error of the whole form


def field_target(field: forms.BoundField) -> str:
    """The id of the input a summary item links to: a list of radio buttons or checkboxes has no label of its own
    (`id_for_label` is empty), so its first choice is focused."""
    if field.is_hidden:
        return ""
    return field.id_for_label or (f"{field.auto_id}_0" if field.auto_id else "")


def error_items(form: forms.BaseForm | None) -> list[ErrorItem]:
    """What is wrong with `form`, in the order the page shows it; nothing for a page without a form."""
    if not isinstance(form, forms.BaseForm) or not form.errors:
        return []
    items = [ErrorItem(str(message), "") for message in form.non_field_errors()]
    for field in form:
        items += [ErrorItem(str(message), field_target(field)) for message in field.errors]
    return items


@register.inclusion_tag("_error_summary.html")
def error_summary(form, admin=False):
    """The summary of `form`'s errors (nothing when it has none); `admin` styles it for the admin's pages."""
    return {"items": error_items(form), "admin": admin}

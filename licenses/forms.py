"""The family's form steps and the staff's step forms. Forms parse and validate input; services apply the rules."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from families.emirates_id import EASTERN_DIGITS
from intaj_portal.errors import HISTORY_REASON_MAX_LENGTH
from intaj_portal.inputs import IdField, ModelMultipleIdChoiceField
from licenses.files import document_file_check
from licenses.models import Application, FeeAssessment, Licence, Reason, Step
from licenses.selectors import ChecklistItem, package_list_for_applying, reason_list_for
from packages_catalog.models import Activity, Package

_HAS_ARABIC = re.compile(r"[\u0600-\u06FF]")
_LATIN_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9\s&.,'\-]*$")
DOCUMENT_ACCEPT = ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"


class PackageChoiceForm(forms.Form):
    package = forms.ModelChoiceField(
        label=_("Package"),
        queryset=Package.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": _("Choose the package you are applying for.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["package"].queryset = package_list_for_applying()


class StepForm(forms.ModelForm):
    """A step of the application. "Save as draft" keeps whatever is there; "Continue" needs the step complete."""

    required_to_continue: list[str] = []

    def __init__(self, *args, complete: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.required_to_continue:
            self.fields[name].required = complete


class ActivitiesForm(StepForm):
    required_to_continue = ["activities"]

    class Meta:
        model = Application
        fields = ["activities"]
        field_classes = {"activities": ModelMultipleIdChoiceField}
        widgets = {"activities": forms.CheckboxSelectMultiple}
        help_texts = {"activities": _("You can choose several.")}
        error_messages = {"activities": {"required": _("Choose at least one activity.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = Activity.objects.filter(package=self.instance.package, is_active=True)
        self.fields["activities"].label = _("The activities you will carry out")


class BusinessForm(StepForm):
    required_to_continue = ["trade_name_ar", "trade_name_en", "products_description"]

    class Meta:
        model = Application
        fields = ["trade_name_ar", "trade_name_en", "products_description"]
        widgets = {
            "trade_name_ar": forms.TextInput(attrs={"dir": "rtl", "lang": "ar"}),
            "trade_name_en": forms.TextInput(attrs={"dir": "ltr", "lang": "en", "autocapitalize": "words"}),
            "products_description": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "trade_name_ar": _("The name your products are sold under, in Arabic letters."),
            "trade_name_en": _("The same name in English letters, as it will appear on the licence."),
            "products_description": _("In a few lines: what you make, and how you sell it."),
        }
        error_messages = {
            "trade_name_ar": {"required": _("Enter the trade name in Arabic.")},
            "trade_name_en": {"required": _("Enter the trade name in English.")},
            "products_description": {"required": _("Describe your products.")},
        }

    def clean_trade_name_ar(self):
        value = self.cleaned_data["trade_name_ar"].strip()
        if value and not _HAS_ARABIC.search(value):
            raise ValidationError(_("Write the Arabic trade name in Arabic letters."), code="not_arabic")
        return value

    def clean_trade_name_en(self):
        value = self.cleaned_data["trade_name_en"].strip()
        if value and not _LATIN_NAME.match(value):
            raise ValidationError(_("Write the English trade name in English letters."), code="not_latin")
        return value


class ProductionForm(StepForm):
    required_to_continue = ["production_place", "production_address"]

    class Meta:
        model = Application
        fields = ["production_place", "production_address"]
        widgets = {"production_place": forms.RadioSelect}
        labels = {"production_place": _("Where in the home do you produce?")}
        help_texts = {
            "production_address": _("Where the centre and, for food, the municipality can inspect production."),
        }
        error_messages = {
            "production_place": {"required": _("Say where production takes place.")},
            "production_address": {"required": _("Enter the address of the place of production.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A radio list needs no empty choice: nothing chosen is a draft's "not answered yet".
        self.fields["production_place"].choices = self.fields["production_place"].choices[1:]


def document_field_name(item: ChecklistItem) -> str:
    return f"document_{item.document_type.code}"


class DocumentsForm(forms.Form):
    """One optional file field per document of the checklist; each valid file is saved on its own. `remove` names
    a document to take away (the page's "Remove" buttons)."""

    remove = IdField(required=False)

    def __init__(self, *args, checklist: list[ChecklistItem], **kwargs):
        super().__init__(*args, **kwargs)
        self.items = {}
        for item in checklist:
            name = document_field_name(item)
            self.items[name] = item
            self.fields[name] = forms.FileField(
                label=item.document_type.name,
                required=False,
                widget=forms.FileInput(
                    attrs={"accept": DOCUMENT_ACCEPT, "class": "form-control", "aria-describedby": f"{name}-help"}
                ),
            )

    def clean(self):
        cleaned = super().clean()
        for name in self.items:
            file = cleaned.get(name)
            if file:
                try:
                    document_file_check(file)
                except ValidationError as error:
                    self.file_refuse(name, error)
        return cleaned

    def file_refuse(self, name: str, error: ValidationError) -> None:
        """Show why the file of field `name` was refused beside it; the other files of the form are kept."""
        self.add_error(name, error)
        self.fields[name].widget.attrs["class"] = "form-control is-invalid"
        self.fields[name].widget.attrs["aria-describedby"] = f"{name}-error"

    @property
    def files_refused(self) -> bool:
        return any(name in self.errors for name in self.items)

    def files_to_save(self) -> list[tuple[ChecklistItem, object]]:
        """The uploaded files that passed the checks, even when another field failed."""
        return [
            (item, self.files[name])
            for name, item in self.items.items()
            if name in self.files and name not in self.errors
        ]


class FamilyMessageForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the centre (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class SubmitForm(FamilyMessageForm):
    confirm = forms.BooleanField(
        label=_("I confirm that the information and documents I give are true and complete."),
        error_messages={"required": _("Tick the box to confirm the information is true and complete.")},
    )


class StaffStepForm(forms.Form):
    """What a reviewer writes with a step; the fields each step needs are switched on by its `Step`."""

    reason = forms.ModelChoiceField(label=_("Reason"), queryset=Reason.objects.none(), required=False)
    message = forms.CharField(
        label=_("Message to the family"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("The family reads this in its timeline."),
    )
    licence_number = forms.CharField(label=_("DED licence number"), required=False, max_length=30)
    issued_on = forms.DateField(
        label=_("Issue date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The date on the licence DED issued."),
    )
    internal_note = forms.CharField(
        label=_("Internal note (staff only)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    notify_family = forms.BooleanField(
        label=_("Notify the family (portal, e-mail and SMS)"),
        required=False,
        initial=True,
    )

    def __init__(self, *args, step: Step, checklist: list[ChecklistItem] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if step.names_documents and checklist:
            self.fields["documents_requested"] = forms.MultipleChoiceField(
                label=_("Documents to provide (again)"),
                choices=[(item.document_type.code, item.document_type.name) for item in checklist],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                help_text=_("The family is sent to these documents when it answers."),
            )
            self.order_fields(["reason", "documents_requested", "message"])
        if step.reason_kind:
            self.fields["reason"].queryset = reason_list_for(kind=step.reason_kind)
            self.fields["reason"].required = True
            self.fields["message"].required = True
        else:
            del self.fields["reason"]
        if step.records_licence:
            self.fields["licence_number"].required = True
            self.fields["issued_on"].required = True
            self.fields["issued_on"].initial = timezone.localdate()
        else:
            del self.fields["licence_number"]
            del self.fields["issued_on"]

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        if issued_on and issued_on > timezone.localdate():
            raise ValidationError(_("The issue date cannot be in the future."), code="future")
        return issued_on


class FeeReassessForm(forms.Form):
    """Why the fee is assessed again: recorded in the application's history."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=FeeAssessment._meta.get_field("reason").max_length,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Staff only: kept in the application's history. The family is not notified."),
        error_messages={"required": _("Give the reason for assessing the fee again.")},
    )


class VerificationLinkRenewForm(forms.Form):
    """Why the licence's verification link is replaced: recorded in the licence's history."""

    reason = forms.CharField(
        label=_("Reason"),
        max_length=HISTORY_REASON_MAX_LENGTH,
        help_text=_(
            "Kept in the licence's history. The old link, and every certificate printed with it, will no longer "
            "verify: the family downloads a new certificate."
        ),
        error_messages={"required": _("Give the reason for the new link.")},
    )


class LicenceLookupForm(forms.Form):
    """A licence number typed on the public verification page."""

    number = forms.CharField(
        label=_("DED licence number"),
        max_length=Licence._meta.get_field("number").max_length,
        error_messages={"required": _("Enter the licence number printed on the certificate.")},
        widget=forms.TextInput(attrs={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_number(self):
        # Typed on an Arabic keyboard, the digits may be Arabic-Indic.
        return "".join(self.cleaned_data["number"].translate(EASTERN_DIGITS).split())

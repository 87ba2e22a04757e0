import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from dashboard.selectors import DashboardFilters
from intaj_portal.periods import PeriodDateField
from packages_catalog.models import Package

# The centre's records start with the portal; earlier dates would only make empty, slow periods.
EARLIEST = datetime.date(2015, 1, 1)


def default_filters(*, today: datetime.date) -> DashboardFilters:
    """This year to date, all packages."""
    return DashboardFilters(start=today.replace(month=1, day=1), end=today)


class DashboardFilterForm(forms.Form):
    start = PeriodDateField(label=_("From"), earliest=EARLIEST)
    end = PeriodDateField(label=_("To"))
    package = forms.ChoiceField(label=_("Package"), required=False)

    def __init__(self, *args, packages: list[Package], today: datetime.date | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.today = today or timezone.localdate()
        defaults = default_filters(today=self.today)
        self.initial = {"start": defaults.start, "end": defaults.end, **self.initial}
        # The packages already read for the page, so that the form costs no query of its own.
        self.packages = {str(package.pk): package for package in packages}
        self.fields["package"].choices = [("", _("All packages")), *((p.pk, p.name) for p in packages)]

    def clean_package(self) -> Package | None:
        return self.packages.get(self.cleaned_data["package"])

    def clean(self):
        cleaned = super().clean()
        defaults = default_filters(today=self.today)
        start = cleaned.get("start") or defaults.start
        end = cleaned.get("end") or defaults.end
        if "start" in cleaned and "end" in cleaned and start > end:
            self.add_error("end", _("The end of the period must not be before its start."))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned

    def filters(self) -> DashboardFilters:
        """The filters asked for, or this year to date for all packages while the form is not valid."""
        if self.is_bound and self.is_valid():
            data = self.cleaned_data
            return DashboardFilters(start=data["start"], end=data["end"], package=data["package"])
        return default_filters(today=self.today)

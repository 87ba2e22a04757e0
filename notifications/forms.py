from django import forms

from intaj_portal.inputs import IdField


class MarkReadForm(forms.Form):
    """Which notification to mark read: `id`, or every one of them when it is left out. Anything but an id (`1e3`,
    `-1`, `²`) is a field error, never "all"."""

    id = IdField(required=False)

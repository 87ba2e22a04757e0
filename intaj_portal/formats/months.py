"""Django's month names, named here so that the project's Arabic catalogue can give the ones the UAE writes.

Django's own Arabic catalogue writes «إبريل» where the UAE writes «أبريل» (ARABIC.md: يناير، فبراير، مارس، أبريل، مايو،
يونيو، يوليو، أغسطس، سبتمبر، أكتوبر، نوفمبر، ديسمبر). The project's catalogue (`locale/ar`) takes precedence over
Django's, but `makemessages --no-obsolete` drops every entry no source file names: this module names each month
string of `django.utils.dates` once, with its context, so the Arabic months stay in the catalogue. Nothing here is
translated or used at run time.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

# `dates.MONTHS`: the "F" of a date format ("5 April 2026", «5 أبريل 2026»).
MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
# `dates.MONTHS_3`: the "b" and "M" of a date format.
MONTHS_3 = [
    gettext_noop("jan"),
    gettext_noop("feb"),
    gettext_noop("mar"),
    gettext_noop("apr"),
    gettext_noop("may"),
    gettext_noop("jun"),
    gettext_noop("jul"),
    gettext_noop("aug"),
    gettext_noop("sep"),
    gettext_noop("oct"),
    gettext_noop("nov"),
    gettext_noop("dec"),
]
# `dates.MONTHS_AP`: the "N" of a date format.
MONTHS_AP = [
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
]
# `dates.MONTHS_ALT`: the "E" of a date format.
MONTHS_ALT = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]

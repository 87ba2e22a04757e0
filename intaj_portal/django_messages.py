"""Django's own messages that families read, named here so that the project's Arabic catalogue can reword them.

Django's Arabic catalogue addresses the reader in the masculine singular («أدخِل…», «كلمة مرورك القديمة…») and
gets some counts wrong («8 حرف واحد»); ARABIC.md asks for a neutral address and counts right in all six forms. The
project's catalogue (`locale/ar`) takes precedence over Django's, but `makemessages --no-obsolete` drops every entry
no source file names: this module names, once and word for word, each Django message a family can meet in the
portal's forms (field errors, the password rules, the password forms), so its Arabic stays in the catalogue.
Nothing here is translated or used at run time.
"""

from django.utils.translation import gettext_noop, ngettext_lazy

FORM_FIELDS = [
    gettext_noop("Enter a valid email address."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a number."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a list of values."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Select a valid choice. That choice is not one of the available choices."),
    gettext_noop("“%(pk)s” is not a valid value."),
    gettext_noop("No file was submitted. Check the encoding type on the form."),
    gettext_noop("No file was submitted."),
    gettext_noop("The submitted file is empty."),
    ngettext_lazy(
        "Ensure this value has at most %(limit_value)d character (it has %(show_value)d).",
        "Ensure this value has at most %(limit_value)d characters (it has %(show_value)d).",
        "limit_value",
    ),
    ngettext_lazy(
        "Ensure this filename has at most %(max)d character (it has %(length)d).",
        "Ensure this filename has at most %(max)d characters (it has %(length)d).",
        "max",
    ),
]
PASSWORDS = [
    gettext_noop("Your old password was entered incorrectly. Please enter it again."),
    gettext_noop("The two password fields didn’t match."),
    gettext_noop("Enter the same password as before, for verification."),
    gettext_noop("The password is too similar to the %(verbose_name)s."),
    ngettext_lazy(
        "Your password must contain at least %(min_length)d character.",
        "Your password must contain at least %(min_length)d characters.",
        "min_length",
    ),
    ngettext_lazy(
        "This password is too short. It must contain at least %(min_length)d character.",
        "This password is too short. It must contain at least %(min_length)d characters.",
        "min_length",
    ),
]

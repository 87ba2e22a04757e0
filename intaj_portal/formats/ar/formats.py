from django.utils.translation import gettext_noop

# Arabic as written in the UAE: Western digits, a point for decimals and commas between thousands (1,200.00),
# matching the amounts printed on DED's and the department's own documents.
DATE_FORMAT = "j F Y"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
DATETIME_FORMAT = "j F Y، g:i A"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
TIME_FORMAT = "g:i A"
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3
FIRST_DAY_OF_WEEK = 1  # the Sharjah working week runs Monday to Friday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]

# Month names as written in the UAE (ARABIC.md): Django's own Arabic catalogue spells April «إبريل». Named here so
# that `makemessages` keeps the portal's «أبريل» in locale/ar, which Django reads before its own catalogue, for every
# date the portal formats ("F").
UAE_MONTH_SPELLINGS = [gettext_noop("April")]

from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def language_switch(request):
    """The page's address in the other language, for the switch in the header.

    It is worked out here, while the page's own language is active: Django's set_language view resolves `next`
    in the language the browser asks for, which fails for an /ar/ address when the browser prefers English.
    """
    current = get_language()
    other = next((code for code, _name in settings.LANGUAGES if code != current), current)
    query = request.META.get("QUERY_STRING")
    path = translate_url(request.path, other)
    return {"other_language_code": other, "other_language_url": f"{path}?{query}" if query else path}

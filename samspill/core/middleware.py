from django.conf import settings
from django.utils import translation


class LanguageMiddleware:
    """Bokmål unless the person picked another language in the switcher.

    Django's LocaleMiddleware follows the browser's Accept-Language, which would show
    English dates and numbers to the many Norwegians whose browser is set to English.
    NKR's working language is bokmål, so only an explicit choice (the language cookie
    set by the switcher) changes it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if code not in self.languages:
            code = settings.LANGUAGE_CODE
        translation.activate(code)
        request.LANGUAGE_CODE = code
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", code)
        return response

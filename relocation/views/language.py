"""Which language a private link's page speaks: the one its owner chose for our e-mails (a
partner's, a network employer contact's), until the visitor picks one with the language switch,
as the survey page does. An international partner follows an English e-mail to an English page."""

from django.conf import settings
from django.http import HttpRequest


def page_language(request: HttpRequest, chosen: str) -> str:
    return request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) or chosen

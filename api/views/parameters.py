from rest_framework.exceptions import ValidationError
from rest_framework.request import Request


def text_parameter(request: Request, name: str) -> str:
    """A query parameter as text, stripped; a NUL character, which PostgreSQL cannot store or
    compare, is a 400 rather than a database error."""
    value = request.query_params.get(name, "").strip()
    if "\x00" in value:
        raise ValidationError({name: "Text may not contain NUL characters."})
    return value


def id_parameter(request: Request, name: str) -> int | None:
    """A query parameter naming a row by its id; anything but digits is a 400."""
    value = text_parameter(request, name)
    if not value:
        return None
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise ValidationError({name: "An id: digits only."})
    return int(value)


def yes_parameter(request: Request, name: str) -> bool:
    """A query parameter that is on (true, 1) or off (false, 0, left out)."""
    value = text_parameter(request, name).lower()
    if value not in {"", "true", "false", "1", "0"}:
        raise ValidationError({name: "true or false."})
    return value in {"true", "1"}

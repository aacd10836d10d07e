from rest_framework.exceptions import ValidationError
from rest_framework.request import Request


def text_parameter(request: Request, name: str) -> str:
    """A query parameter as text, stripped; a NUL character, which PostgreSQL cannot store or
    compare, is a 400 rather than a database error."""
    value = request.query_params.get(name, "").strip()
    if "\x00" in value:
        raise ValidationError({name: "Text may not contain NUL characters."})
    return value

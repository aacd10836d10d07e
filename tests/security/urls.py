"""Every URL pattern of the project, found by walking the resolver, with a way to build a URL
for each from sample arguments."""

from collections.abc import Iterator
from dataclasses import dataclass

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse


@dataclass(frozen=True)
class Route:
    name: str | None  # with its namespace, e.g. "admin:index"
    pattern: str
    arguments: tuple[str, ...]

    @property
    def namespace(self) -> str:
        return self.name.split(":", 1)[0] if self.name and ":" in self.name else ""


def _arguments(pattern: URLPattern | URLResolver) -> list[str]:
    inner = pattern.pattern
    if hasattr(inner, "converters") and inner.converters:
        return list(inner.converters)
    return list(inner.regex.groupindex)


def all_routes() -> list[Route]:
    def walk(patterns, namespace: str, prefix: str, inherited: list[str]) -> Iterator[Route]:  # type: ignore[no-untyped-def]
        for pattern in patterns:
            arguments = inherited + _arguments(pattern)
            if isinstance(pattern, URLResolver):
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                yield from walk(pattern.url_patterns, inner, prefix + str(pattern.pattern), arguments)
            else:
                name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
                yield Route(name, prefix + str(pattern.pattern), tuple(arguments))

    return list(walk(get_resolver().url_patterns, "", "", []))


def _admin_model(name: str):  # type: ignore[no-untyped-def]
    """The model an admin URL name is about, e.g. admin:otp_totp_totpdevice_config (an app label
    may hold underscores itself, so the longest matching label wins)."""
    for config in sorted(apps.get_app_configs(), key=lambda config: -len(config.label)):
        prefix = f"admin:{config.label}_"
        if name.startswith(prefix):
            for model in config.get_models():
                if name.startswith(f"{prefix}{model._meta.model_name}_"):
                    return model
    return None


def admin_kwargs(route: Route) -> dict[str, object]:
    """Sample arguments for the admin's own URLs: an existing row where there is one."""
    kwargs: dict[str, object] = {}
    for argument in route.arguments:
        if argument == "app_label":
            kwargs[argument] = "liaison"
        elif argument in ("object_id", "id", "pk"):
            row = None
            model = _admin_model(route.name or "")
            if model is not None:
                row = model._default_manager.order_by("pk").first()
            kwargs[argument] = str(row.pk if row else 1)
        elif argument == "content_type_id":
            kwargs[argument] = "1"
    return kwargs


def build(route: Route, kwargs: dict[str, object]) -> str:
    assert route.name, route
    return reverse(route.name, kwargs=kwargs or None)

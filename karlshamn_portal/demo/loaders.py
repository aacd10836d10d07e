"""Demo loaders that apps add from their AppConfig's `ready()`, for an app nothing else may
import (the relocation service): `load_demo_data` runs them after its own, in the order they
were registered, so their data may build on the departments, the register and the staff."""

from collections.abc import Callable

DemoLoader = Callable[[], list[str]]

_loaders: list[DemoLoader] = []


def register(loader: DemoLoader) -> None:
    """Add a loader once; it returns its lines for the login list and is safe to run again."""
    if loader not in _loaders:
        _loaders.append(loader)


def registered() -> list[DemoLoader]:
    return list(_loaders)

"""Modules import one way, so none needs an import hidden inside a function to load: the outbox
runs queueing -> tasks -> delivery, and models never import services or views."""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def imported_modules(path: Path) -> set[str]:
    """Every module the file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return names


@pytest.mark.parametrize(
    ("module", "must_not_import"),
    [
        (
            "karlshamn_portal/outbox/delivery.py",
            {"karlshamn_portal.outbox.services", "karlshamn_portal.outbox.tasks"},
        ),
        ("karlshamn_portal/outbox/tasks.py", {"karlshamn_portal.outbox.services"}),
    ],
)
def test_the_outbox_runs_from_queueing_to_tasks_to_delivery(module, must_not_import):
    assert imported_modules(ROOT / module).isdisjoint(must_not_import)


def test_models_import_no_services_or_views():
    for path in sorted(ROOT.glob("*/models/*.py")) + sorted(ROOT.glob("*/models.py")):
        offending = {name for name in imported_modules(path) if ".services" in name or ".views" in name}
        assert not offending, f"{path.relative_to(ROOT)} imports {offending}"


def test_signal_receivers_live_in_signals_modules():
    """Receivers are connected in AppConfig.ready() from <app>/signals.py, never beside a model."""
    for path in sorted(ROOT.glob("*/models/*.py")) + sorted(ROOT.glob("*/models.py")):
        assert "@receiver" not in path.read_text(), f"{path.relative_to(ROOT)} connects a signal receiver"


def project_modules_outside(*excluded: str) -> list[Path]:
    """The project's Python files, outside the given top-level folders (and the installed ones)."""
    skipped = {*excluded, "node_modules", "var"}
    folders = [
        path
        for path in sorted(ROOT.iterdir())
        if path.is_dir()
        and not path.is_symlink()
        and not path.name.startswith(".")
        and path.name not in skipped
    ]
    return [
        *sorted(ROOT.glob("*.py")),
        *(file for folder in folders for file in sorted(folder.rglob("*.py"))),
    ]


def test_nothing_outside_the_relocation_app_imports_it():
    """The relocation service may use companies, liaison and meetings; nothing uses it, so it can be
    taken out by removing it from INSTALLED_APPS and the URLs (its demo comes through the loaders)."""
    files = project_modules_outside("relocation", "tests")
    assert ROOT / "karlshamn_portal" / "demo" / "management" / "commands" / "load_demo_data.py" in files
    offending = {
        str(path.relative_to(ROOT)): sorted(
            name for name in imported_modules(path) if name.split(".")[0] == "relocation"
        )
        for path in files
    }
    assert {path: names for path, names in offending.items() if names} == {}

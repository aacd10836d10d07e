"""What an operator relies on in the project's own files: the two locks, the Makefile, the README."""

import ast
import re
import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
DEVELOPMENT_ONLY = {"playwright", "mypy", "hypothesis", "pytest", "ruff", "honcho", "django-stubs"}


def normalised(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins(lock: str) -> dict[str, str]:
    """name -> version of every line of a lock file; every line must be an exact pin."""
    found = {}
    for line in (ROOT / lock).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        name, separator, version = line.partition("==")
        assert separator and version, f"{lock}: {line!r} is not pinned to one version"
        found[normalised(name)] = version
    return found


def pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def with_dependencies(requirements: list[str]) -> set[str]:
    """The packages these requirements install, as the installed packages' metadata says."""
    found: set[str] = set()
    todo = [(Requirement(text), "") for text in requirements]
    while todo:
        requirement, _ = todo.pop()
        name = normalised(requirement.name)
        try:
            dist = distribution(requirement.name)
        except PackageNotFoundError:
            continue
        key = name + "[" + ",".join(sorted(requirement.extras)) + "]"
        if key in found:
            continue
        found.add(key)
        extras = [{"extra": extra} for extra in requirement.extras] or [{"extra": ""}]
        for text in dist.requires or []:
            needed = Requirement(text)
            if needed.marker is None or any(needed.marker.evaluate(env) for env in extras):
                todo.append((needed, ""))
    return {key.partition("[")[0] for key in found}


def test_production_installs_no_test_or_development_tooling():
    runtime = pins("requirements.lock")
    assert DEVELOPMENT_ONLY.isdisjoint(runtime), DEVELOPMENT_ONLY & runtime.keys()
    assert pins("requirements-dev.lock").keys() >= DEVELOPMENT_ONLY


def test_each_lock_pins_everything_its_packages_need():
    runtime, development = pins("requirements.lock"), pins("requirements-dev.lock")
    assert runtime.keys().isdisjoint(development), "a package is pinned in both locks"
    needed_to_run = with_dependencies(pyproject()["project"]["dependencies"])
    assert needed_to_run <= runtime.keys(), needed_to_run - runtime.keys()
    needed_to_develop = with_dependencies(pyproject()["project"]["optional-dependencies"]["dev"])
    assert needed_to_develop <= runtime.keys() | development.keys()
    for name, version in {**runtime, **development}.items():
        assert distribution(name).version == version, f"{name} installed differs from its pin"


def test_unused_python_magic_is_not_installed_by_the_locks():
    assert "python-magic" not in pins("requirements.lock") | pins("requirements-dev.lock")


def test_make_installs_both_locks_and_reinstalls_when_either_changes():
    makefile = (ROOT / "Makefile").read_text()
    assert re.search(r"pip install .*-r requirements\.lock -r requirements-dev\.lock", makefile)
    assert "LOCKS := requirements.lock requirements-dev.lock" in makefile
    assert "$(STAMP): $(LOCKS)" in makefile and "cat $(LOCKS) | cksum" in makefile


def test_every_phony_make_target_exists():
    makefile = (ROOT / "Makefile").read_text()
    phony = re.search(r"^\.PHONY:(.*)$", makefile, re.MULTILINE)
    assert phony is not None
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.MULTILINE))
    assert set(phony.group(1).split()) <= targets, set(phony.group(1).split()) - targets


def variables_read_by_the_settings() -> set[str]:
    """Every environment variable named in karlshamn_portal's modules: env_*("NAME", …),
    os.environ.get("NAME"), os.environ["NAME"], os.getenv("NAME")."""
    names: set[str] = set()
    for module in (ROOT / "karlshamn_portal").glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                function = ast.unparse(node.func)
                if function.startswith("env_") or function in {"os.environ.get", "os.getenv"}:
                    names.add(node.args[0].value)
            if (
                isinstance(node, ast.Subscript)
                and ast.unparse(node.value) == "os.environ"
                and isinstance(node.slice, ast.Constant)
            ):
                names.add(node.slice.value)
    return names


def test_the_readme_names_every_variable_the_settings_read():
    readme = (ROOT / "README.md").read_text()
    documented = {
        name
        for line in readme.splitlines()
        if line.startswith("| `")
        for name in re.findall(r"`([A-Z][A-Z0-9_]+)`", line.split("|")[1])
    }
    read = variables_read_by_the_settings()
    assert {"PORTAL_VAR_DIR", "OUTBOX_STALLED_AFTER_SECONDS", "DATABASE_URL"} <= read
    assert read <= documented, f"missing from the README's variable table: {sorted(read - documented)}"

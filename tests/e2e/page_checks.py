"""What every page a browser test visits must also get right, besides axe-core: a title that names
the municipality and no other page's, a favicon, no sideways scrolling at 320 px (WCAG 1.4.10),
and no error from the second engine, pa11y with HTML_CodeSniffer. Plus the colour arithmetic
the focus and contrast tests share."""

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.urls import Resolver404, resolve

from tests.conftest import CHROMIUM

MUNICIPALITY = ("Karlshamns kommun", "Karlshamn municipality")
NARROW = {"width": 320, "height": 720}  # WCAG 1.4.10: 1280 px at 400 % zoom
PA11Y_SCRIPT = Path(__file__).with_name("pa11y_pages.cjs")
PA11Y_PACKAGE = Path(settings.BASE_DIR) / "node_modules" / "pa11y" / "package.json"

# Titles seen in this test session, each with the URL pattern that showed it: two different pages
# (URL patterns) must never share one, whichever tests visited them.
TITLES: dict[str, str] = {}


def pa11y_missing() -> str:
    """Why pa11y cannot run here, or "" when it can."""
    if shutil.which("node") is None:
        return "needs Node.js for pa11y (apt-get install nodejs npm)"
    if not PA11Y_PACKAGE.exists():
        return "needs pa11y: PUPPETEER_SKIP_DOWNLOAD=true npm ci (package.json)"
    return ""


def run_pa11y(pages: list[Path]) -> list[dict]:
    """HTML_CodeSniffer's WCAG 2 AA errors on the saved pages, through pa11y on Debian's Chromium."""
    environment = {**os.environ, "PUPPETEER_EXECUTABLE_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "true"}
    finished = subprocess.run(  # noqa: S603 - our own script with file names we made
        ["node", str(PA11Y_SCRIPT), *map(str, pages)],  # noqa: S607 - node from PATH, as npm ci used
        capture_output=True,
        text=True,
        timeout=60 + 30 * len(pages),
        env=environment,
        cwd=settings.BASE_DIR,
        check=False,
    )
    if finished.returncode != 0:
        raise RuntimeError(f"pa11y did not run: {finished.stderr.strip()[-2000:]}")
    return json.loads(finished.stdout)


def route_of(url: str) -> str:
    """The URL pattern behind a page (cases/<reference:reference>/), or its path when none."""
    path = urlparse(url).path
    try:
        return str(resolve(path).route)
    except Resolver404:
        return path


def page_problems(copy, url: str) -> list[str]:  # type: ignore[no-untyped-def]
    """What is wrong with the copy of the page seen at `url`, shown in a 320 px wide window."""
    problems = []
    title = copy.title()
    if not any(name in title for name in MUNICIPALITY):
        problems.append(f"{url}: the title {title!r} does not name the municipality")
    route = route_of(url)
    shown_on = TITLES.setdefault(title, route)
    if shown_on != route:
        problems.append(f"{url}: the title {title!r} is also the title of {shown_on}")
    if not copy.locator('link[rel="icon"]').count():
        problems.append(f"{url}: no favicon")
    sideways = copy.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    if sideways > 0:
        problems.append(f"{url}: scrolls {sideways} px sideways at 320 px (WCAG 1.4.10)")
    return problems


def snapshot(page, folder: Path, base_url: str) -> Path:  # type: ignore[no-untyped-def]
    """The page's current DOM as a file for pa11y; <base> makes its styles load from the live server."""
    html = page.content().replace("<head>", f'<head><base href="{base_url}/">', 1)
    path = folder / f"page-{len(list(folder.glob('page-*.html'))) + 1:02d}.html"
    path.write_text(html, encoding="utf-8")
    return path


def rgb(color: str) -> tuple[float, float, float, float]:
    """A computed CSS colour, "rgb(r, g, b)" or "rgba(r, g, b, a)", as numbers."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", color)]
    red, green, blue = numbers[:3]
    return red, green, blue, numbers[3] if len(numbers) > 3 else 1.0


def luminance(color: str) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue, _alpha = rgb(color)
    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(first: str, second: str) -> float:
    """WCAG contrast ratio of two opaque colours."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


# The focused element's ring and what lies behind it: the first ancestor with an opaque background.
FOCUS_STYLE = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const style = getComputedStyle(element);
  let behind = "rgb(255, 255, 255)";
  for (let node = element.parentElement; node; node = node.parentElement) {
    const background = getComputedStyle(node).backgroundColor;
    if (background !== "rgba(0, 0, 0, 0)" && background !== "transparent") { behind = background; break; }
  }
  return {
    name: (element.tagName + (element.id ? "#" + element.id : "") + " "
           + (element.innerText || element.value || element.getAttribute("aria-label") || "")).trim().slice(0, 60),
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth), outlineColor: style.outlineColor,
    boxShadow: style.boxShadow, behind,
  };
}"""


def ring_problem(focus: dict) -> str:
    """Why a focused element's ring is not strong enough, or "" when it is: at least 2 px thick
    and, in the outline or the shadow beside it, a colour of 3:1 against what lies behind."""
    colours = []
    if focus["outlineStyle"] != "none" and focus["outlineWidth"] >= 2:
        colours.append(focus["outlineColor"])
    shadow = re.match(r"(rgba?\([^)]*\))\s+0px 0px 0px (\d+(?:\.\d+)?)px", focus["boxShadow"] or "")
    if shadow and float(shadow.group(2)) >= 2 and rgb(shadow.group(1))[3] == 1:
        colours.append(shadow.group(1))
    if not colours:
        return f"{focus['name']}: no focus ring of 2 px or more (outline {focus['outlineStyle']})"
    best = max(contrast(colour, focus["behind"]) for colour in colours)
    if best < 3:
        return f"{focus['name']}: focus ring contrast {best:.2f}:1 on {focus['behind']}"
    return ""

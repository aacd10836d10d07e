"""`make bench` keeps working: its quick run on SQLite measures every page and prints the lines
the README describes. (The figures themselves are PostgreSQL's, from the full run.)"""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGES = {
    "floor",
    "dashboard",
    "dashboard_filtered",
    "dashboard_last_page",
    "case_page",
    "official_referrals",
    "track_page",
    "request_form",
    "request_form_post",
    "forum",
    "calendar_feed",
    "statistics",
    "statistics_uncached",
    "register",
    "register_search",
    "register_never_met",
    "company_page",
    "coverage",
    "coverage_uncached",
    "business_start",
}


def test_the_quick_benchmark_measures_every_page_at_both_sizes_with_constant_queries():
    environment = {
        key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")
    }
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench", "--small", "--skip-fanout"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
    measured = [line for line in lines if "n_cases" in line]
    assert {(line["name"], line["n_cases"]) for line in measured} == {
        (name, size) for name in PAGES for size in (100, 2000)
    }
    for line in measured:
        assert line["p50_ms"] > 0 and line["p95_ms"] >= line["p50_ms"] and line["queries"] <= 12
        # Every page reads the database, but the public statistics from the cache alone.
        assert line["queries"] >= (0 if line["name"] == "statistics" else 1)
        assert (line["growth"] is None) == (line["n_cases"] == 100)
    (imported,) = [line for line in lines if line.get("name") == "register_import"]
    assert imported["unchanged"] == imported["rows"]
    assert imported["new"] > imported["rows"] * 0.99  # a generated number may match a seeded company
    summary = lines[-1]
    assert summary["import_rows_per_s"] == imported["rows_per_s"] > 0
    assert summary["summary"] is True
    assert summary["queries_constant"] is True
    assert summary["not_measured"] == ["fanout"]

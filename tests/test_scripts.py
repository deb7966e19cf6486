"""The tooling under scripts/: one version source and one strict build call, used by every script."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import pytest

from macros.project import minor_version, read_project
from scripts import lighthouse_compare, project
from scripts.serve_site import SiteServer

SCRIPTS = project.ROOT / "scripts"
# Spelling out the build or reading pyproject.toml belongs to scripts/project.py alone.
OWN_BUILD_CALL = re.compile(r"""["']build["'],\s*["']--strict["']|/\s*["']pyproject\.toml["']|tomllib""")
# Scripts that still spell out their own build; their owners move them to scripts/project.py.
NOT_YET_MOVED: set[str] = set()


def test_the_version_is_pyprojects():
    assert project.version() == read_project(project.ROOT).version


def test_the_build_is_strict_and_never_quiet(tmp_path, monkeypatch):
    monkeypatch.delenv("PLAYBOOK_ENGINE", raising=False)
    command = project.build_command(tmp_path / "site", "mkdocs-offline.yml")
    assert command[:4] == [sys.executable, "-m", "properdocs", "build"]
    assert "--strict" in command
    assert not {"-q", "--quiet"} & set(command), "quiet mode drops warnings before strict mode counts them"
    assert command[command.index("-f") + 1] == str(project.ROOT / "mkdocs-offline.yml")
    assert command[command.index("-d") + 1] == str(tmp_path / "site")


def test_the_engine_is_properdocs_unless_mkdocs_is_asked_for():
    assert project.engine({}) == "properdocs"
    assert project.engine({"PLAYBOOK_ENGINE": "mkdocs"}) == "mkdocs"
    assert project.build_command(Path("site"), engine_name="mkdocs")[2] == "mkdocs"
    with pytest.raises(SystemExit, match="'zensical' is not an engine"):
        project.engine({"PLAYBOOK_ENGINE": "zensical"})


def test_the_build_environment_puts_this_python_first_and_sets_or_removes_variables():
    env = project.build_environment({"PATH": "/usr/bin", "SITE_URL": "http://old/", "KEEP": "yes"}, SITE_URL="")
    assert env["NO_MKDOCS_2_WARNING"] == "1"
    assert env["PATH"].split(os.pathsep) == [str(Path(sys.executable).parent), "/usr/bin"]
    assert "SITE_URL" not in env and env["KEEP"] == "yes"
    assert project.build_environment({}, SITE_URL="http://new/")["SITE_URL"] == "http://new/"


@pytest.mark.parametrize(("version", "minor"), [("0.1.0", "0.1"), ("2.10", "2.10"), ("3.4.5rc1", "3.4")])
def test_releases_are_named_by_major_and_minor(version, minor):
    assert minor_version(version) == minor


@pytest.mark.parametrize("version", ["1", "one.two", ""])
def test_a_version_without_major_and_minor_is_refused(version):
    with pytest.raises(ValueError, match="MAJOR.MINOR"):
        minor_version(version)


@pytest.mark.parametrize(
    "path",
    sorted(
        path
        for path in [*SCRIPTS.glob("*.py"), *(project.ROOT / "tests" / "support").glob("*.py")]
        if path.name not in {"project.py", *NOT_YET_MOVED}
    ),
    ids=lambda path: path.name,
)
def test_no_script_spells_out_the_build_or_reads_the_version_itself(path):
    found = OWN_BUILD_CALL.findall(path.read_text(encoding="utf-8"))
    assert not found, f"{path.name}: use scripts/project.py (build, build_command, version) instead of {found}"


def test_the_site_server_stays_quiet_when_a_browser_hangs_up_but_not_on_real_errors(capsys):
    server = SiteServer.__new__(SiteServer)  # handle_error needs no socket
    for hang_up in (BrokenPipeError(), ConnectionResetError()):
        try:
            raise hang_up
        except ConnectionError:
            server.handle_error(None, ("127.0.0.1", 1))
    assert capsys.readouterr().err == ""
    try:
        raise ValueError("a real fault")
    except ValueError:
        server.handle_error(None, ("127.0.0.1", 1))
    assert "ValueError: a real fault" in capsys.readouterr().err


def test_the_lighthouse_table_shows_the_median_and_the_ranges_of_score_and_fcp(monkeypatch, capsys):
    """A page's score moves between runs and its FCP estimate jumps between two modes; the benchmark
    shows both ends of each beside the median."""
    runs = iter([(98, 1050), (100, 1660), (97, 1060), (99, 1700), (98, 1055)])

    def one_run(binary, url):
        performance, fcp = next(runs)
        scores = {"performance": performance, "accessibility": 100, "best-practices": 100, "seo": 100}
        return scores | {"fcp_ms": fcp, "lcp_ms": 1600, "tbt_ms": 80, "bytes": 84000, "requests": 12}

    monkeypatch.setattr(lighthouse_compare, "lighthouse_run", one_run)
    measures = lighthouse_compare.median_run(Path("lighthouse"), "http://127.0.0.1/playbook/", 5)
    assert measures["performance"] == 98 and measures["performance_range"] == [97, 100]
    assert measures["fcp_ms"] == 1060
    assert measures["fcp_range_ms"] == [1050, 1700]
    steady = measures | {"performance_range": [98, 98]}
    lighthouse_compare.print_lighthouse_table({"home": measures, "steady": steady})
    rows = capsys.readouterr().out.splitlines()[2:4]
    assert rows[0].startswith("| home | 98, runs 97–100 | 100 |"), rows[0]
    assert "| 1.06 s, runs 1.05–1.70 |" in rows[0], rows[0]
    assert rows[1].startswith("| steady | 98 | 100 |"), rows[1]


BARE = {"performance": 98, "tbt_ms": 150, "accessibility": 100, "best-practices": 100, "seo": 100}


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({}, [True, True, True]),
        ({"performance": 100, "tbt_ms": 0}, [True, True, True]),  # better than the bare page
        ({"performance": 95}, [True, True, True]),  # exactly 3 points behind
        ({"performance": 94}, [False, True, True]),  # 4 points behind
        ({"tbt_ms": 300}, [True, True, True]),  # exactly twice
        ({"tbt_ms": 301}, [True, False, True]),
        ({"seo": 99}, [True, True, False]),
        ({"accessibility": 92, "best-practices": 96}, [True, True, False]),
        ({"performance": 80, "tbt_ms": 700, "best-practices": 96}, [False, False, False]),
    ],
)
def test_a_page_is_judged_against_the_bare_page_of_the_same_run(changes, expected):
    verdicts = lighthouse_compare.judge(BARE | changes, BARE)
    assert list(verdicts) == [
        "performance within 3 points of bare",
        "TBT at most 2× bare",
        "accessibility, best practices and SEO 100",
    ]
    assert list(verdicts.values()) == expected


def test_a_bare_page_that_blocks_for_no_time_leaves_no_blocking_time_to_a_page():
    bare = BARE | {"tbt_ms": 0}
    assert lighthouse_compare.judge(bare, bare)["TBT at most 2× bare"]
    assert not lighthouse_compare.judge(BARE | {"tbt_ms": 1}, bare)["TBT at most 2× bare"]


def test_the_target_table_prints_ratios_and_met_or_missed_and_feeds_the_checks(capsys):
    page = BARE | {"performance": 94, "tbt_ms": 210, "ratio_to_bare": {"tbt_ms": 1.4}}
    results = {lighthouse_compare.BARE_LABEL: BARE, "checklist": page, "report": {"error": "timed out"}}
    lighthouse_compare.print_target_table(results)
    rows = capsys.readouterr().out.splitlines()
    assert "| checklist | 94 (-4) | missed | 210 ms (×1.40) | met | 100 / 100 / 100 | met |" in rows
    assert "| report | error | missed | | missed | | missed |" in rows
    checks = lighthouse_compare.lighthouse_checks(results)
    assert checks["checklist: performance within 3 points of bare"] is False
    assert checks["checklist: TBT at most 2× bare"] is True
    assert checks["report: Lighthouse ran"] is False
    assert checks["home: Lighthouse ran"] is False  # not measured at all


def test_pages_are_measured_in_turns_round_after_round(monkeypatch):
    """A burst of load must fall on every page alike: each round visits every page once."""
    visited = []

    def one_run(binary, url):
        visited.append(url)
        if url == "broken" and visited.count("broken") == 2:
            raise RuntimeError("chrome crashed")
        return BARE | {"fcp_ms": 1000, "lcp_ms": 1100, "bytes": 1, "requests": 1}

    monkeypatch.setattr(lighthouse_compare, "lighthouse_run", one_run)
    results = lighthouse_compare.alternating_runs(Path("lh"), {"a": "bare", "b": "page", "c": "broken"}, 3)
    assert visited == ["bare", "page", "broken", "bare", "page", "broken", "bare", "page"]
    assert results["a"]["performance"] == 98 and results["b"]["performance_range"] == [98, 98]
    assert results["c"] == {"error": "chrome crashed"}

"""Broken input fails the strict build with a message that names the file at fault.

Dead links, dead anchors and missing images are warnings, and a strict build reports every one before
it fails, so one build of a copy holding all three broken pages checks them all. An unknown macro or
variable, or bad data, stops the build at once: each of those needs a build of its own.
"""

from __future__ import annotations

import re

import pytest
import yaml

from tests.support import site

pytestmark = pytest.mark.slow

# Each broken page is its own file, so that each warning must name its own file.
WARNING_CASES = {
    "broken-link.md": ("# Broken link\n\nSee [a missing page](missing-page.md).\n", "missing-page.md"),
    "broken-anchor.md": (
        "# Broken anchor\n\nSee [a missing section](how-to-use.md#no-such-section).\n",
        "no-such-section",
    ),
    "missing-image.md": (
        "# Missing image\n\n![A chart that is not there](img/missing-chart.png)\n",
        "missing-chart.png",
    ),
}
STOPPING_CASES = {
    "unknown macro": ("---\nrender_macros: true\n---\n# Broken\n\n{{ no_such_macro('x') }}\n", "no_such_macro"),
    "unknown variable": ("---\nrender_macros: true\n---\n# Broken\n\n{{ no_such_variable }}\n", "no_such_variable"),
}


def _copy_with_pages(tmp_path, pages: dict[str, str]):
    project = site.copy_project(tmp_path / "project")
    nav = ""
    for name, markdown in pages.items():
        (project / "docs" / name).write_text(markdown, encoding="utf-8")
        nav += f"  - Broken {name}: {name}\n"
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + nav, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def warned_build(tmp_path_factory):
    """One strict build of a copy holding every page of WARNING_CASES; its exit code and warning lines."""
    tmp_path = tmp_path_factory.mktemp("bad-input")
    project = _copy_with_pages(tmp_path, {name: markdown for name, (markdown, _) in WARNING_CASES.items()})
    result = site.build(project, tmp_path / "site")
    output = result.stdout + result.stderr
    return result.returncode, output, re.findall(r"^(?:WARNING|ERROR) .*$", output, re.MULTILINE)


@pytest.mark.parametrize("name", WARNING_CASES)
def test_a_broken_page_fails_the_build_with_a_warning_naming_the_file(warned_build, name):
    returncode, output, warnings = warned_build
    detail = WARNING_CASES[name][1]
    assert returncode != 0, f"the build passed but should have failed:\n{output}"
    assert any(name in line and detail in line for line in warnings), (
        f"no warning names both {name} and {detail!r}:\n" + "\n".join(warnings)
    )


def test_the_copy_has_no_other_faults(warned_build):
    """The harness itself is sound: every warning comes from a broken page, none from the copied project."""
    _, output, warnings = warned_build
    assert warnings, output
    assert all(any(name in line for name in WARNING_CASES) for line in warnings), "\n".join(warnings)


@pytest.mark.parametrize("case", STOPPING_CASES)
def test_a_bad_macro_call_fails_the_build_naming_the_file(tmp_path, case):
    markdown, detail = STOPPING_CASES[case]
    project = _copy_with_pages(tmp_path, {"broken-page.md": markdown})

    result = site.build(project, tmp_path / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build passed but should have failed:\n{output}"
    assert "broken-page.md" in output, f"{case}: the message does not name the file:\n{output}"
    assert detail in output, f"{case}: the message does not name {detail!r}:\n{output}"


def test_a_path_naming_a_missing_page_fails_the_build(tmp_path):
    project = site.copy_project(tmp_path / "project")
    paths_file = project / "data" / "paths.yml"
    document = yaml.safe_load(paths_file.read_text(encoding="utf-8"))
    document["paths"][2]["steps"][0]["page"] = "teams/no-such-team.md"
    paths_file.write_text(yaml.safe_dump(document, sort_keys=False), encoding="utf-8")

    result = site.build(project, tmp_path / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "paths.yml: paths[2].steps[0].page: page 'teams/no-such-team.md' does not exist" in output
    assert "fix the data above" in output

"""Broken input fails the strict build with a message that names the file at fault."""

from __future__ import annotations

import pytest

from tests.support import site

CASES = {
    "unknown macro": (
        "---\nrender_macros: true\n---\n# Broken\n\n{{ no_such_macro('x') }}\n",
        "no_such_macro",
    ),
    "unknown variable": (
        "---\nrender_macros: true\n---\n# Broken\n\n{{ no_such_variable }}\n",
        "no_such_variable",
    ),
    "broken internal link": ("# Broken\n\nSee [a missing page](missing-page.md).\n", "missing-page.md"),
    "broken anchor": (
        "# Broken\n\nSee [a missing section](how-to-use.md#no-such-section).\n",
        "no-such-section",
    ),
    "missing image": (
        "# Broken\n\n![A chart that is not there](img/missing-chart.png)\n",
        "missing-chart.png",
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES)
def test_broken_page_fails_the_build_naming_the_file(tmp_path, case):
    markdown, detail = CASES[case]
    project = site.copy_project(tmp_path / "project")
    (project / "docs" / "broken-page.md").write_text(markdown, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "  - Broken: broken-page.md\n", encoding="utf-8")

    result = site.build(project, tmp_path / "site")

    output = result.stdout + result.stderr
    assert result.returncode != 0, f"{case}: the build passed but should have failed:\n{output}"
    assert "broken-page.md" in output, f"{case}: the message does not name the file:\n{output}"
    assert detail in output, f"{case}: the message does not name {detail!r}:\n{output}"


@pytest.mark.slow
def test_the_unbroken_copy_builds(tmp_path):
    """The harness itself is sound: the same copy without the broken page builds cleanly."""
    project = site.copy_project(tmp_path / "project")
    result = site.build(project, tmp_path / "site")
    assert result.returncode == 0, result.stdout + result.stderr

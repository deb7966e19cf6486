"""Reader words: pages and data notes say where a fact was checked, never how the authors worked.

A source note tells the reader where a claim was checked: the publisher's page or the official text, a named
republication with its address, or the secondary reports it rests on ("as reported by ..."). Words about the
authors' own tools and machines mean nothing to a reader and read as unfinished work, so they fail the build.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support.site import ROOT

# Build-process words: each pattern is matched case-insensitively, one line at a time. Add to this list when a
# new one turns up; keep each pattern narrow enough that reader prose ("a feature store", "retrieved passages",
# "a store manager") never matches.
BUILD_PROCESS_WORDS = {
    "search tool": r"\bsearch tools?\b",
    "stored copy": r"\bstored (?:cop(?:y|ies)|republications?|reproductions?|excerpts?|summar(?:y|ies)|pages?)\b",
    "in the store": r"\b(?:was|were|is|are)(?: not)? in the store\b",
    "from the store": r"\bfrom the store\b(?! manager)",
    "the store's copy": r"\bthe store's\b",
    "build machine": r"\bbuild machines?\b",
    "the machine has no": r"\bthe machine (?:has|had) no\b",
    "no internet": r"\bno (?:internet|network) access\b|\bno internet\b",
    "registry of facts": r"\bregistry of facts\b|\bfacts? registry\b",
    "could not be fetched": r"\bcould not be (?:fetched|downloaded|retrieved)\b",
    "could not be reached from": r"\bcould not be reached from\b",
    "helper session": r"\bhelper (?:sessions?|agents?)\b",
    "our tools": r"\bour (?:own )?tools\b",
    "collection of copies": r"\bcollection of copies\b",
    "offline copy of": r"\boffline cop(?:y|ies) of\b",
    "index of copies": r"\bindex of copies\b",
    "found with the search": r"\bfound (?:with|by|through) (?:the|a|our) search\b",
    "not in the index": r"\bnot in the (?:index|corpus|store)\b",
    "crawled copy": r"\bcrawled (?:cop(?:y|ies)|pages?|snapshots?)\b",
}
PATTERNS = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in BUILD_PROCESS_WORDS.items()}

# Text that reaches readers: the pages, every data file (notes, definitions, checklist wording), the changelog
# the changelog page includes, and the templates that wrap data into pages and the PDF.
READER_GLOBS = ("docs/**/*.md", "data/**/*.yml", "CHANGELOG.md", "macros/templates/*.html", "print/*.j2")


def reader_files(root: Path = ROOT) -> list[Path]:
    return sorted({path for pattern in READER_GLOBS for path in root.glob(pattern)})


def find_build_process_words(text: str) -> list[tuple[int, str, str]]:
    """Every hit as (line number, the listed word it matched, the line), in line order."""
    hits = []
    for number, line in enumerate(text.splitlines(), start=1):
        for name, pattern in PATTERNS.items():
            if pattern.search(line):
                hits.append((number, name, line.strip()))
    return hits


def describe_hits(path: Path, root: Path = ROOT) -> list[str]:
    """One message per hit, naming the file and line, so the author can go straight to it."""
    relative = path.relative_to(root).as_posix()
    text = path.read_text(encoding="utf-8")
    return [f"{relative}:{number}: '{name}' in: {line[:160]}" for number, name, line in find_build_process_words(text)]


@pytest.mark.parametrize("path", reader_files(), ids=lambda path: path.relative_to(ROOT).as_posix())
def test_reader_text_uses_no_build_process_words(path):
    hits = describe_hits(path)
    assert not hits, (
        "say where a fact was checked (the publisher's page, the official text, a named republication with its "
        "address, or 'as reported by' and the reporters), never how it was looked up:\n" + "\n".join(hits)
    )


def test_the_scan_covers_pages_data_and_notes():
    names = {path.relative_to(ROOT).as_posix() for path in reader_files()}
    for expected in ("data/facts.yml", "docs/reference/sources.md", "docs/governance/regulation.md", "CHANGELOG.md"):
        assert expected in names, f"{expected} is reader text but the scan skips it"
    assert any(name.startswith("data/checklists/") for name in names), "checklist data is reader text too"


def test_a_planted_note_fails_with_its_file_and_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    planted = data / "facts.yml"
    planted.write_text(
        "facts:\n"
        "- id: planted\n"
        "  note: Checked on the publisher's page.\n"
        "- id: planted-too\n"
        "  note: Read from a stored copy found with the search tool; the page was not in the store.\n",
        encoding="utf-8",
    )
    assert planted in reader_files(tmp_path)
    hits = describe_hits(planted, root=tmp_path)
    assert hits, "a planted build-process note must be found"
    assert all(hit.startswith("data/facts.yml:5: ") for hit in hits), hits
    assert {hit.split("'")[1] for hit in hits} >= {"stored copy", "search tool", "in the store"}


def test_a_planted_page_line_is_reported_once_per_word():
    page = "# Sources\n\nChecked on EUR-Lex.\n\nThe build machine had no internet.\n"
    assert find_build_process_words(page) == [
        (5, "build machine", "The build machine had no internet."),
        (5, "no internet", "The build machine had no internet."),
    ]


@pytest.mark.parametrize(
    "line",
    [
        "Checked against the page's source file, read with the search tool.",
        "The EUR-Lex page itself was not in the store.",
        "It could not be fetched from the build machine.",
        "Every date comes from the registry of facts.",
        "A sources page generated from the facts registry.",
        "The machine has no internet; checked against stored copies.",
        "Only an offline copy of the page could be read.",
        "A helper session checked it with our tools.",
        "The page was not in the index of copies or the collection of copies.",
        "The original could not be reached from here.",
    ],
)
def test_each_kind_of_build_process_sentence_is_caught(line):
    assert find_build_process_words(line), f"the list misses: {line}"


@pytest.mark.parametrize(
    "line",
    [
        "Add a feature store when the second model needs the same features.",
        "A store manager correcting an order is a label.",
        "Mark retrieved passages as material to quote.",
        "Checked against a copy of the publisher's page.",
        "The search index, the site's largest file, loads when you first search.",
        "Every trained model is stored with a version, its metrics and its lineage.",
        "As reported by Baker Tilly and Forvis Mazars.",
    ],
)
def test_reader_prose_is_not_flagged(line):
    assert not find_build_process_words(line), f"flagged ordinary reader prose: {line}"

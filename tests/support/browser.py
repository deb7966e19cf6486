"""Open built pages in Chromium while watching for console errors and requests to other hosts."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe


@dataclass
class Watch:
    console_errors: list[str] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)

    def assert_clean(self, where: str) -> None:
        assert not self.console_errors, f"{where}: console errors: {self.console_errors}"
        assert not self.foreign_requests, f"{where}: requests to other hosts: {self.foreign_requests}"


@contextmanager
def watched_page(browser, site_url: str, **context_options) -> Iterator[tuple[object, Watch]]:
    """A fresh browser context and page; any request outside the local server is recorded and refused."""
    local = urlsplit(site_url).netloc
    watch = Watch()
    # Tall enough that Material never scrolls the sidebar: axe counts nav links clipped by that
    # scroll as too-small touch targets, though readers can scroll them into view.
    context_options.setdefault("viewport", {"width": 1280, "height": 2000})
    context = browser.new_context(**context_options)

    def route(route_, request) -> None:
        netloc = urlsplit(request.url).netloc
        if request.url.startswith(("data:", "blob:")) or netloc == local:
            route_.continue_()
        else:
            watch.foreign_requests.append(request.url)
            route_.abort()

    context.route("**/*", route)
    page = context.new_page()
    page.on(
        "console",
        lambda message: (
            message.type == "error"
            and watch.console_errors.append(f"{message.text} ({message.location.get('url', '')})")
        ),
    )
    page.on("pageerror", lambda error: watch.console_errors.append(f"uncaught: {error}"))
    try:
        yield page, watch
    finally:
        context.close()


_AXE = Axe()


def axe_violations(page) -> list[str]:
    """axe-core's WCAG A/AA violations on the current page, one readable line each."""
    results = _AXE.run(
        page,
        options={
            "runOnly": {
                "type": "tag",
                "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
            }
        },
    )
    lines = []
    for violation in results.response["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines

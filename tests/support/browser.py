"""Open built pages in Chromium while watching for console errors and requests to other hosts.

Wait on conditions, never on timers or network silence: `open_page` returns once the site's own script
has mounted every widget (docs/assets/javascripts/playbook.js counts its mount passes in
`<html data-mrp-mount-passes>`), and `navigated` waits for the next mount pass after an instant navigation.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator, Sequence
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
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site_url))
    watch = Watch()
    # Tall enough that Material never scrolls the sidebar: axe counts nav links clipped by that
    # scroll as too-small touch targets, though readers can scroll them into view.
    context_options.setdefault("viewport", {"width": 1280, "height": 3000})
    context = browser.new_context(**context_options)

    def refuse(route, request) -> None:
        watch.foreign_requests.append(request.url)
        route.abort()

    # Only requests to anywhere but the local server reach Python; the site's own load at full speed.
    context.route(re.compile(rf"^(?!{re.escape(origin)}|data:|blob:)"), refuse)
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


def mount_passes(page) -> int:
    """How many times the site's script has mounted its widgets on this document (0: not yet)."""
    return page.evaluate("Number(document.documentElement.dataset.mrpMountPasses || 0)")


def wait_until_mounted(page, after: int = 0) -> None:
    """Wait until the site's script has finished a mount pass beyond the first `after` ones."""
    page.wait_for_function("after => Number(document.documentElement.dataset.mrpMountPasses || 0) > after", arg=after)


def block_storage(page, *names: str) -> None:
    """Make the named Web Storage objects throw on every access, as when a reader blocks site data."""
    page.add_init_script(
        f"for (const name of {json.dumps(list(names))}) {{"
        ' Object.defineProperty(window, name, { get() { throw new DOMException("blocked", "SecurityError") } }) }'
    )


def open_page(page, url: str):
    """Load `url`, wait until the site's script has mounted everything, and return the response."""
    response = page.goto(url)
    wait_until_mounted(page)
    return response


def at_path(path: str) -> Callable[[str], bool]:
    """A URL test for page.wait_for_url that ignores the #fragment Material's navigation.tracking adds."""
    return lambda url: urlsplit(url).path.endswith("/" + path.lstrip("/"))


@contextmanager
def navigated(page, path: str) -> Iterator[None]:
    """Wrap an action that navigates instantly to `path`; returns once the new page is mounted there."""
    before = mount_passes(page)
    yield
    page.wait_for_url(at_path(path))
    wait_until_mounted(page, after=before)


_AXE = Axe()
_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# What changes from page to page: the article and its table of contents. The header, navigation,
# search and footer are the same everywhere, so tests check them whole on a few representative pages.
CONTENT = (".md-content", ".md-sidebar--secondary")
# The rules whose verdict depends on colours, the only thing a colour scheme changes.
COLOUR_RULES = ("color-contrast", "link-in-text-block")


def axe_violations(page, within: Sequence[str] | None = None, rules: Sequence[str] | None = None) -> list[str]:
    """axe-core's WCAG A/AA and best-practice violations on the current page, one readable line each.

    `within` limits the scan to elements matching these selectors (default: the whole page);
    `rules` limits it to these rule ids (default: every rule of those tags).
    """
    run_only = {"type": "rule", "values": list(rules)} if rules else {"type": "tag", "values": _TAGS}
    # Violations only: axe then skips collecting every passing node, which is most of its work.
    options = {"runOnly": run_only, "resultTypes": ["violations"]}
    # Material appends a tooltip to <body> while a titled control has focus or the pointer, and keeps it
    # for a moment after; axe would count that transient popup as content outside the landmarks.
    context = {"exclude": [[".md-tooltip2"]]}
    if within:
        context["include"] = [[selector] for selector in within]
    results = _AXE.run(page, context=context, options=options)
    lines = []
    for violation in results.response["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines

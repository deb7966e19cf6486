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


# What a shared tab can change between tests; any other option gets the test a context of its own.
SHAREABLE_OPTIONS = {"viewport", "color_scheme"}
# Tall enough that Material never scrolls the sidebar: axe counts nav links clipped by that
# scroll as too-small touch targets, though readers can scroll them into view.
DEFAULT_VIEWPORT = {"width": 1280, "height": 3000}


@dataclass
class _Tab:
    context: object
    page: object
    watch: Watch


# One shared tab per browser and site origin (so one per pytest worker and server).
_SHARED_TABS: dict[tuple[int, str], _Tab] = {}


def _open_tab(browser, origin: str, **context_options) -> _Tab:
    """A new context and page; any request outside `origin` is recorded in the tab's watch and refused."""
    context_options.setdefault("viewport", DEFAULT_VIEWPORT)
    context = browser.new_context(**context_options)
    tab = _Tab(context, None, Watch())

    def refuse(route, request) -> None:
        tab.watch.foreign_requests.append(request.url)
        route.abort()

    # Only requests to anywhere but the local server reach Python; the site's own load at full speed.
    context.route(re.compile(rf"^(?!{re.escape(origin)}|data:|blob:)"), refuse)
    tab.page = context.new_page()
    # playbook.js reports a widget that failed to mount, or a script that failed to load, as a warning
    # starting "playbook:" and lets the rest of the page work; a test counts it as an error.
    tab.page.on(
        "console",
        lambda message: (
            (message.type == "error" or (message.type == "warning" and message.text.startswith("playbook:")))
            and tab.watch.console_errors.append(f"{message.text} ({message.location.get('url', '')})")
        ),
    )
    tab.page.on("pageerror", lambda error: tab.watch.console_errors.append(f"uncaught: {error}"))
    return tab


def _outlives_the_test(*_args, **_kwargs):
    raise RuntimeError(
        "init scripts and listeners added to a shared tab would outlive the test: "
        "open the page with watched_page(..., fresh=True)"
    )


def _shared_tab(browser, origin: str, options: dict) -> _Tab:
    """This worker's tab for `origin`, blank, with the test's viewport and colour scheme."""
    key = (id(browser), origin)
    tab = _SHARED_TABS.get(key)
    if tab is None or tab.page.is_closed():
        tab = _SHARED_TABS[key] = _open_tab(browser, origin)
    tab.page.set_viewport_size(options.get("viewport", DEFAULT_VIEWPORT))
    tab.page.emulate_media(media="null", color_scheme=options.get("color_scheme", "light"))
    tab.watch = Watch()
    tab.page.add_init_script = tab.page.on = _outlives_the_test
    return tab


def _close_shared_tab(key: tuple[int, str], tab: _Tab) -> None:
    _SHARED_TABS.pop(key, None)
    tab.context.close()


def _clear_shared_tab(key: tuple[int, str], tab: _Tab, origin: str) -> None:
    """Leave the tab as a new one would be: no other pages, routes, storage, page or pointer position.

    The route in `_open_tab` keeps the tab on `origin`; a tab that cannot be cleared there is closed, and
    the next test opens a new one.
    """
    page = tab.page
    del page.add_init_script, page.on
    for other in tab.context.pages:
        if other is not page:
            other.close()
    page.unroute_all(behavior="ignoreErrors")
    if not page.url.startswith(origin):
        _close_shared_tab(key, tab)
        return
    page.evaluate("() => { localStorage.clear(); sessionStorage.clear() }")
    page.goto("about:blank")
    page.mouse.move(0, 0)


@contextmanager
def watched_page(browser, site_url: str, fresh: bool = False, **context_options) -> Iterator[tuple[object, Watch]]:
    """A page whose console errors and requests to hosts other than the site's are recorded (and refused).

    By default the page is this worker's shared tab for the site, cleared between tests: Chromium then
    keeps its renderer, cache and compiled scripts, and opening a page costs about half as much.
    `fresh=True`, any option other than `viewport` and `color_scheme`, or a `file://` site gives the
    test a context of its own. A test that adds init scripts or listeners needs `fresh=True`: the
    shared tab refuses both, since they would outlive the test.
    """
    origin = "{0.scheme}://{0.netloc}/".format(urlsplit(site_url))
    if fresh or not set(context_options) <= SHAREABLE_OPTIONS or not origin.startswith("http"):
        tab = _open_tab(browser, origin, **context_options)
        try:
            yield tab.page, tab.watch
        finally:
            tab.context.close()
        return
    key = (id(browser), origin)
    tab = _shared_tab(browser, origin, context_options)
    try:
        yield tab.page, tab.watch
    except BaseException:
        # A failed test may leave anything behind: the next test gets a new tab.
        _close_shared_tab(key, tab)
        raise
    _clear_shared_tab(key, tab, origin)


def mount_passes(page) -> int:
    """How many times the site's script has mounted its widgets on this document (0: not yet)."""
    return page.evaluate("Number(document.documentElement.dataset.mrpMountPasses || 0)")


def wait_until_mounted(page, after: int = 0) -> None:
    """Wait until the site's script has finished a mount pass beyond the first `after` ones."""
    page.wait_for_function("after => Number(document.documentElement.dataset.mrpMountPasses || 0) > after", arg=after)


def reload(page) -> None:
    """Reload and wait until the page has mounted, so that it shows what storage holds now."""
    page.reload()
    wait_until_mounted(page)


def block_storage(page, *names: str) -> None:
    """Make the named Web Storage objects throw on every access, as when a reader blocks site data.

    The page must be a fresh one (`watched_page(..., fresh=True)`): the block outlives the test.
    """
    page.add_init_script(
        f"for (const name of {json.dumps(list(names))}) {{"
        ' Object.defineProperty(window, name, { get() { throw new DOMException("blocked", "SecurityError") } }) }'
    )


def put_in_storage(page, key: str, text: str) -> None:
    """Write `text` to localStorage under `key` exactly as given, well-formed or not."""
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [key, text])


def set_aside_copies(page, key: str) -> list[str]:
    """The values the site set aside, under `key.corrupt-<time>`, because it could not read them."""
    return page.evaluate(
        "key => Object.keys(localStorage).filter(name => name.startsWith(key + '.corrupt-'))"
        ".map(name => localStorage.getItem(name))",
        key,
    )


def open_site_origin(page, site_url: str) -> None:
    """Put the tab on the site's origin with none of the site's pages running, so that a test can write
    storage before a page first reads it. The site's favicon, an image, is the cheapest document there."""
    page.goto(site_url + "assets/images/favicon.png")


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


def follow_nav_link(page, path: str) -> None:
    """Click the primary navigation's link to `path`; returns once the instantly loaded page has mounted.

    The sidebar draws only the open chapter's pages (navigation.prune): a page in another chapter is
    reached as a reader does, through the chapter's own link first.
    """
    link = page.locator(f".md-nav--primary a.md-nav__link[href$='{path}']")
    chapter = path.split("/")[0] + "/"
    if link.count() == 0 and chapter != path:
        with navigated(page, chapter):
            page.locator(f".md-nav--primary .md-nav__item--pruned > a.md-nav__link[href$='{chapter}']").first.click()
    with navigated(page, path):
        link.first.click()


_AXE = Axe()
_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# What changes from page to page: the article and its table of contents. The header, navigation,
# search and footer are the same everywhere, so tests check them whole on a few representative pages.
CONTENT = (".md-content", ".md-sidebar--secondary")
# The rules whose verdict depends on colours, the only thing a colour scheme changes.
COLOUR_RULES = ("color-contrast", "link-in-text-block")


_SETTLED_SCRIPT = """() => Promise.all(document.getAnimations()
  .filter(animation => Number.isFinite(animation.effect?.getComputedTiming().endTime))
  .map(animation => animation.finished.catch(() => null)))"""


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
    # A control that just changed state may still be fading between its two colour pairs, and axe would
    # measure the blend; wait for every finite CSS transition and animation to end first.
    page.evaluate(_SETTLED_SCRIPT)
    # axe-core is added once per document; a second scan of the same page reuses it.
    if not page.evaluate("() => typeof axe === 'object'"):
        page.evaluate(_AXE.axe_script)
    results = page.evaluate("([context, options]) => axe.run(context, options)", [context, options])
    lines = []
    for violation in results["violations"]:
        targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return lines

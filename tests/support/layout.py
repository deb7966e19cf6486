"""Layout on real screens, measured on a page already open: nothing scrolls sideways on the narrowest
phone, and diagram text is never drawn smaller than 12 px at any width.

tests/test_browser.py measures every page this way once it has scanned it, in the same tab, so the
check costs no page load of its own; tests/test_layout_browser.py proves that it can fail.
"""

from __future__ import annotations

NARROWEST = 320
WIDTHS = [NARROWEST, 390, 768, 1280]
HEIGHT = 800
MIN_DIAGRAM_TEXT_PX = 12

# What sticks out past the right edge of the viewport, to name the culprit in a failure.
OVERFLOW = """() => {
  const root = document.documentElement
  if (root.scrollWidth <= root.clientWidth) return null
  const culprits = []
  for (const element of document.querySelectorAll("body *")) {
    const box = element.getBoundingClientRect()
    if (box.width && box.right > root.clientWidth + 1 && !element.closest("[data-mrp-scroll], .md-sidebar")) {
      const name = element.tagName.toLowerCase() + "." + [...element.classList].join(".")
      culprits.push(`${name} (right ${Math.round(box.right)})`)
    }
  }
  return { width: root.scrollWidth, culprits: culprits.slice(0, 5) }
}"""

# The size each diagram's text is drawn at on screen: its font size times the SVG's scale.
DIAGRAM_TEXT = """() => [...document.querySelectorAll(".md-typeset svg text")]
  .filter(text => text.getClientRects().length)
  .map(text => {
    const scale = Math.hypot(text.getScreenCTM().a, text.getScreenCTM().b)
    return { px: parseFloat(getComputedStyle(text).fontSize) * scale, text: text.textContent.trim().slice(0, 40) }
  })"""


def small_diagram_text(drawn: list[dict]) -> list[str]:
    small = [item for item in drawn if item["px"] < MIN_DIAGRAM_TEXT_PX - 0.05]
    return [f"{item['text']!r} at {item['px']:.1f} px" for item in small[:4]]


def layout_problems(page) -> list[str]:
    """Resize the open page to each width in turn and say what does not fit ([] when all is well).

    Layout here is CSS alone (no script of the site measures the window), so a page resized to a width
    lays out as one opened at that width.
    """
    problems = []
    page.set_viewport_size({"width": NARROWEST, "height": HEIGHT})
    # Evaluating forces a layout at the new size, so each measurement sees it.
    overflow = page.evaluate(OVERFLOW)
    if overflow:
        problems.append(f"wider than {NARROWEST} px: {overflow}")
    # Pages without diagram text have nothing to measure at any width (the DOM is the same at each).
    if not page.locator(".md-typeset svg text").count():
        return problems
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": HEIGHT})
        small = small_diagram_text(page.evaluate(DIAGRAM_TEXT))
        if small:
            problems.append(f"diagram text below {MIN_DIAGRAM_TEXT_PX} px at {width} px wide: {small}")
    return problems

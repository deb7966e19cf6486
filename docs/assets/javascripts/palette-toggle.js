/*
 * The colour palette toggle (overrides/partials/palette.html): Material's inputs, labels and stored
 * `__palette` preference, switched here instead of by Material's bundle. On load the page is already in
 * the right scheme, with the browser's colour metas to match (the partial's inline script and Material's
 * set them before the first paint), so mounting changes nothing and restyles nothing; only a reader's
 * switch does.
 */
window.MRP = window.MRP || {}

MRP.palette = (function () {
  "use strict"

  const LIGHT = matchMedia("(prefers-color-scheme: light)")

  /* The index and colours Material stores under `__palette` for the input at `index`. */
  function paletteOf(inputs, index) {
    const input = inputs[index]
    const color = {}
    for (const key of ["media", "scheme", "primary", "accent"]) color[key] = input.getAttribute("data-md-color-" + key)
    if (color.media === "(prefers-color-scheme)") {
      // Material's automatic option: the colours of the option for the system's current preference.
      const system = document.querySelector(LIGHT.matches
        ? "[data-md-color-media='(prefers-color-scheme: light)']"
        : "[data-md-color-media='(prefers-color-scheme: dark)']")
      if (system) {
        for (const key of ["scheme", "primary", "accent"]) color[key] = system.getAttribute("data-md-color-" + key)
      }
    }
    return { index, color }
  }

  /* The stored choice, or else the first option whose media query matches, as Material chooses. */
  function currentIndex(inputs) {
    const stored = __md_get("__palette")
    const index = stored ? stored.index
      : inputs.findIndex(input => matchMedia(input.getAttribute("data-md-color-media")).matches)
    return Math.max(0, Math.min(index, inputs.length - 1))
  }

  function showToggle(inputs, index) {
    inputs.forEach((input, position) => {
      const label = input.nextElementSibling
      if (label instanceof HTMLLabelElement) label.hidden = position !== index
    })
  }

  /* A reader's switch: new colours at once, without transitions (as Material does), then stored. */
  function apply(inputs, palette) {
    inputs.current = palette.index
    document.body.setAttribute("data-md-color-switching", "")
    for (const [key, value] of Object.entries(palette.color)) document.body.setAttribute("data-md-color-" + key, value)
    showToggle(inputs, palette.index)
    __md_set("__palette", palette)
    // The browser's own colours (scrollbars, form controls) and its toolbar follow the header's.
    MRP.paletteMeta()
    setTimeout(() => document.body.removeAttribute("data-md-color-switching"))
  }

  function mount(form) {
    if (form.dataset.mrpMounted) return
    form.dataset.mrpMounted = "true"
    const inputs = Array.from(form.querySelectorAll("input.md-option"))
    if (!inputs.length) return
    // The option in use, kept here too, so Enter still moves on when storage is blocked.
    inputs.current = currentIndex(inputs)
    showToggle(inputs, inputs.current)
    __md_set("__palette", paletteOf(inputs, inputs.current))
    for (const input of inputs) {
      input.addEventListener("change", () => apply(inputs, paletteOf(inputs, inputs.indexOf(input))))
    }
    // Enter on the focused option moves to the next one, as Space and the arrow keys already do.
    form.addEventListener("keydown", event => {
      if (event.key !== "Enter") return
      event.preventDefault()
      const next = inputs[(inputs.current + 1) % inputs.length]
      next.click()
      next.focus()
    })
    // Material's automatic option follows the system's preference while the page is open.
    LIGHT.addEventListener("change", () => {
      const palette = paletteOf(inputs, inputs.current)
      if (palette.color.media === "(prefers-color-scheme)") apply(inputs, palette)
    })
  }

  function mountAll() {
    document.querySelectorAll("form[data-mrp-palette]").forEach(mount)
  }

  return { mountAll }
})()

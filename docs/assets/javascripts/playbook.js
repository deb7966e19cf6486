/*
 * MLOps Readiness Playbook — the one entry point for the site's behaviour.
 * Every page works without this file; it only enhances. Material's document$ emits on the first load
 * and after every instant navigation, so each module mounts from here and must be safe to mount twice.
 */
(function () {
  "use strict"

  /* Material's search overlay is a dialog without an accessible name; give it one. */
  function nameSearchDialog() {
    const dialog = document.querySelector(".md-search[role=dialog]")
    if (dialog && !dialog.hasAttribute("aria-label")) {
      dialog.setAttribute("aria-label", "Search the playbook")
    }
  }

  /*
   * With navigation.indexes, a section's toggle label holds only an icon, so every section's
   * sub-navigation (labelled by that label) is a landmark without a name. Give the label the
   * section's name as visually hidden text (aria-label is not allowed on a <label>).
   */
  function nameNavSections() {
    for (const label of document.querySelectorAll("label.md-nav__link[id$=_label]")) {
      const link = label.parentElement && label.parentElement.querySelector("a.md-nav__link")
      if (link && !label.textContent.trim()) {
        const name = document.createElement("span")
        name.className = "mrp-visually-hidden"
        name.textContent = link.textContent.trim()
        label.appendChild(name)
      }
    }
  }

  /*
   * Material wraps each code block's copy button in an unnamed <nav>, so pages with several code
   * blocks repeat a nameless landmark. It holds one button, not navigation: drop the landmark role.
   */
  function unmarkCodeNavs() {
    for (const nav of document.querySelectorAll("nav.md-code__nav:not([role])")) {
      nav.setAttribute("role", "none")
    }
  }

  /* Task-list checkboxes sit outside the text they tick; give each the name of its item. */
  function labelTaskLists() {
    for (const box of document.querySelectorAll(".task-list-item input[type=checkbox]:not([aria-label])")) {
      const item = box.closest(".task-list-item")
      box.setAttribute("aria-label", item.textContent.trim())
    }
  }

  const modules = [
    nameNavSections,
    labelTaskLists,
    unmarkCodeNavs,
    nameSearchDialog,
    () => MRP.checklist.mountAll(),
    () => MRP.report.mountAll(),
    () => MRP.teamView.mountAll(),
    () => MRP.composition.mountAll(),
    () => MRP.paths.mountAll()
  ]

  function mountAll() {
    for (const mount of modules) {
      try {
        mount()
      } catch (error) {
        console.warn("playbook: a module failed to mount", error)
      }
    }
  }

  // document$ emits on every instant navigation; it never emits for pages opened from file://
  // (the offline bundle), so mount once on load as well. Mounting is idempotent.
  if (typeof document$ !== "undefined") document$.subscribe(mountAll)
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll)
  else mountAll()
})()

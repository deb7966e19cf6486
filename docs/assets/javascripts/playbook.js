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

  const modules = [nameSearchDialog]

  function mountAll() {
    for (const mount of modules) {
      try {
        mount()
      } catch (error) {
        console.warn("playbook: a module failed to mount", error)
      }
    }
  }

  if (typeof document$ !== "undefined") {
    document$.subscribe(mountAll)
  } else {
    document.addEventListener("DOMContentLoaded", mountAll)
  }
})()

/*
 * MLOps Readiness Playbook — the one entry point for the site's behaviour, and the only script of ours
 * that every page loads. Every page works without it; it only enhances.
 *
 * Each widget's code is loaded only on pages that show the widget: COMPONENTS names, for each kind of
 * widget, the element that marks it, the script files it needs (in order) and how to mount it. On the
 * first load and after every instant navigation (Material's document$), playbook.js finds the widgets
 * on the page, adds the missing scripts as classic <script> tags (module scripts do not load from
 * file:// in the offline bundle) and then mounts them. Mounting is idempotent.
 */
(function () {
  "use strict"

  // Our scripts sit next to this one; resolving against its own URL works for every page depth,
  // for directory and .html URLs, and from file://.
  const SCRIPTS_URL = document.currentScript ? document.currentScript.src : location.href
  const PATHS_STORAGE_KEY = "mlops-readiness-playbook.paths"
  // assessment-model.js: the scoring rules, written at build time by hooks/assets.py.
  const ASSESSMENT = ["storage.js", "dom.js", "scoring.js", "assessment-model.js", "assessment.js"]

  /* The component registry: what marks a widget, the scripts it needs in order, and its mount. */
  const COMPONENTS = [
    {
      // The colour palette toggle in the header (overrides/partials/palette.html).
      name: "palette",
      selector: "form[data-mrp-palette]",
      scripts: ["palette-toggle.js"],
      mount: () => MRP.palette.mountAll()
    },
    {
      name: "checklist",
      selector: "form.mrp-checklist, form.mrp-scope",
      scripts: ASSESSMENT.concat(["checklist.js"]),
      mount: () => MRP.checklist.mountAll()
    },
    {
      name: "report",
      selector: "[data-mrp-report]",
      scripts: ASSESSMENT.concat(["svg-charts.js", "action-plan.js", "report-view.js", "report-transfer.js",
        "report-milestones.js", "report.js"]),
      mount: () => MRP.report.mountAll()
    },
    {
      name: "team-view",
      selector: "[data-mrp-team]",
      scripts: ASSESSMENT.concat(["svg-charts.js", "team-view.js"]),
      mount: () => MRP.teamView.mountAll()
    },
    {
      name: "composition",
      selector: "[data-mrp-composition]",
      scripts: ["composition.js"],
      mount: () => MRP.composition.mountAll()
    },
    {
      // Path pages, and any page for a reader who has chosen a path ("next in your path").
      name: "paths",
      selector: "[data-mrp-path], table.mrp-paths-overview",
      wanted: hasChosenPath,
      scripts: ["storage.js", "paths-data.js", "paths.js"],
      mount: () => MRP.paths.mountAll()
    }
  ]

  /* True when the stored reading progress names a chosen path; never throws. */
  function hasChosenPath() {
    try {
      const record = JSON.parse(window.localStorage.getItem(PATHS_STORAGE_KEY))
      return Boolean(record && typeof record.chosen === "string")
    } catch (error) {
      return false
    }
  }

  /* One promise per script file, so a file is added once however many widgets or passes need it. */
  const loading = new Map()

  function load(file) {
    if (!loading.has(file)) {
      loading.set(file, new Promise((resolve, reject) => {
        const script = document.createElement("script")
        script.src = new URL(file, SCRIPTS_URL).href
        // Fetched in parallel, run in the order added.
        script.async = false
        script.onload = resolve
        script.onerror = () => reject(new Error("playbook: could not load " + script.src))
        document.head.appendChild(script)
      }))
    }
    return loading.get(file)
  }

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

  const FIXES = [nameNavSections, labelTaskLists, unmarkCodeNavs, nameSearchDialog]

  function attempt(what, action) {
    try {
      action()
    } catch (error) {
      console.warn("playbook: " + what + " failed to mount", error)
    }
  }

  /* Load what this page's widgets need, in parallel, then mount each widget whose scripts arrived. */
  function mountComponents() {
    const present = COMPONENTS.filter(component =>
      document.querySelector(component.selector) || (component.wanted && component.wanted()))
    const files = Array.from(new Set([].concat(...present.map(component => component.scripts))))
    const loaded = new Map(files.map(file => [file, load(file)]))
    return Promise.all(present.map(component =>
      Promise.all(component.scripts.map(file => loaded.get(file))).then(
        () => attempt(component.name, component.mount),
        error => console.warn(error.message))))
  }

  /*
   * The "mounted" signal: <html data-mrp-mount-passes> counts finished mount passes, so tests and
   * tools wait for the page to be ready instead of guessing with timers or network silence. Passes run
   * one after another, so a pass never counts before the widgets on the page it found have mounted.
   */
  let passes = Promise.resolve()

  function mountAll() {
    for (const fix of FIXES) attempt(fix.name, fix)
    passes = passes.then(mountComponents).then(() => {
      const root = document.documentElement
      root.dataset.mrpMountPasses = String(Number(root.dataset.mrpMountPasses || 0) + 1)
    })
  }

  // Each page mounts once. Over http(s), Material's document$ emits on DOMContentLoaded (its listener
  // runs before ours: this stays a classic script after Material's bundle, never deferred) and after
  // every instant navigation. From file:// (the offline bundle) Material completes it without a value,
  // so the page mounts on DOMContentLoaded instead.
  let mountedOnLoad = false
  if (typeof document$ !== "undefined") {
    document$.subscribe(() => {
      mountedOnLoad = true
      mountAll()
    })
  }
  function mountOnLoad() {
    if (mountedOnLoad) return
    mountedOnLoad = true
    mountAll()
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountOnLoad)
  else mountOnLoad()
})()

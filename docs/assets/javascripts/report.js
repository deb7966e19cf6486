/*
 * The readiness report page: decides which answers it shows (the reader's own, or a share link's),
 * keeps them current when another tab saves, and wires the parts together:
 *   report-view.js        draws the report for a set of answers
 *   report-transfer.js    label and role, export, import, share links
 *   report-milestones.js  dated snapshots and the trend
 * Nothing leaves the browser. The reader's own answers are never held as a copy that is later
 * written back: every change is a read-modify-write on the freshest stored answers.
 */
window.MRP = window.MRP || {}

MRP.report = (function () {
  "use strict"

  const A = () => MRP.assessment

  function notices(loaded) {
    if (loaded.status === "unavailable") {
      return "This browser is not keeping data for this site, so there are no saved answers to report on. Import a file or open a share link instead."
    }
    if (loaded.status === "read-only" && !loaded.record) {
      return "This browser's storage for this site is full or refuses changes, and it holds no saved answers, so there are none to report on. Imports and milestones will not be saved either."
    }
    if (loaded.status === "read-only") {
      return "Your saved answers are kept but read-only: this browser can read them, so the report shows them, but its storage for this site is full or refuses changes, so imports and milestones will not be saved."
    }
    if (loaded.status === "corrupt") {
      return loaded.setAside
        ? "Your saved answers could not be read, so the report starts empty. The unreadable copy was kept in this browser's storage under the key " + loaded.setAside + "."
        : "Your saved answers could not be read, and this browser's storage for this site is full or refuses changes, so the unreadable copy could not be set aside: it stays where it is, untouched. The report starts empty, and changes will not be saved."
    }
    if (loaded.status === "newer") {
      return "Your answers were saved by a newer version of the playbook. This version reports on them but will not change them."
    }
    return ""
  }

  function showNotice(root, text) {
    const notice = root.querySelector("[data-mrp-notice]")
    notice.textContent = text
    notice.hidden = !text
  }

  const READABLE = new Set(["ok", "empty", "read-only", "newer"])

  // Material's navigation.tracking swaps a #share= fragment for the heading in view as the reader
  // scrolls, so a reload would show the reader's own answers. This tab remembers the shared view it
  // shows, so that a reload shows it again. Reaching the report any other way forgets it.
  const SHARED_VIEW = "mlops-readiness-playbook.shared-view"

  function rememberSharedView(fragment) {
    try {
      if (fragment) sessionStorage.setItem(SHARED_VIEW, JSON.stringify({ path: location.pathname, fragment: fragment }))
      else sessionStorage.removeItem(SHARED_VIEW)
    } catch (error) {
      // Site data blocked: a reload shows the reader's own answers, as it did before.
    }
  }

  /* Put `fragment` ("" for none) in the address, keeping the history entry's state (Material's scroll). */
  function setFragment(fragment) {
    history.replaceState(history.state, "", location.pathname + location.search + fragment)
  }

  /* The share fragment to show again because the reader reloaded this page in this tab, or "". */
  function sharedViewToRestore() {
    try {
      // Only the first mount pass of a reloaded document: later passes follow instant navigations
      // (playbook.js counts finished passes on <html>).
      const load = performance.getEntriesByType("navigation")[0]
      if (document.documentElement.dataset.mrpMountPasses || !load || load.type !== "reload") return ""
      const kept = JSON.parse(sessionStorage.getItem(SHARED_VIEW))
      const fragment = kept && kept.path === location.pathname ? String(kept.fragment) : ""
      return fragment.startsWith("#share=") ? fragment : ""
    } catch (error) {
      return ""
    }
  }

  const mountPasses = () => Number(document.documentElement.dataset.mrpMountPasses || 0)

  // A share link that arrived in the address of an open report (pasted into the address bar). Material's
  // instant navigation may answer that by drawing the page again, with the fragment already gone from
  // the address: the next mount pass on the same page shows it. A click (a link followed) forgets it.
  let arrived = null
  window.addEventListener("hashchange", event => {
    const url = new URL(event.newURL)
    arrived = url.hash.startsWith("#share=") ? { path: url.pathname, fragment: url.hash, pass: mountPasses() } : null
  })
  document.addEventListener("click", () => { arrived = null }, true)

  /* The share fragment that arrived just before this mount pass, on this page, or "". */
  function arrivedShare() {
    const share = arrived
    arrived = null
    return share && share.path === location.pathname && share.pass === mountPasses() ? share.fragment : ""
  }

  function mount(root) {
    if (root.dataset.mrpMounted) return
    root.dataset.mrpMounted = "true"
    const model = A().readModel(document)
    if (!model) return
    const loaded = A().load(model)
    // unsaved: answers changed here that storage would not keep; from then on they live in this page.
    const own = { answers: loaded.answers, scope: loaded.scope || null, unsaved: false }
    showNotice(root, notices(loaded))
    root.querySelector("[data-mrp-static]").hidden = true
    root.querySelector("[data-mrp-tools]").hidden = false

    const sharedBox = root.querySelector("[data-mrp-shared]")
    let shared = null
    let transfer = null
    let milestones = null

    function leaveShared() {
      if (!shared) return
      shared = null
      sharedBox.hidden = true
      rememberSharedView("")
      setFragment("")
    }

    /* The interface the report's parts use; see report-transfer.js and report-milestones.js. */
    const page = {
      isShared: () => shared !== null,
      ownAnswers() {
        if (!own.unsaved) {
          const fresh = A().load(model)
          if (READABLE.has(fresh.status)) {
            own.answers = fresh.answers
            own.scope = fresh.scope || null
          }
        }
        return own.answers
      },
      ownScope() {
        page.ownAnswers()
        return own.scope
      },
      shown() {
        if (shared) return Object.assign({ shared: true }, shared)
        const answers = page.ownAnswers()
        return Object.assign({ answers: answers, scope: own.scope, shared: false }, transfer.meta())
      },
      changeOwn(edit) {
        leaveShared()
        if (own.unsaved) {
          const content = { answers: Object.assign({}, own.answers), scope: own.scope }
          const returned = edit(content.answers, content)
          if (returned !== false) {
            own.answers = returned && typeof returned === "object" ? returned : content.answers
            own.scope = content.scope || null
          }
          return { kept: false, status: A().load(model).status }
        }
        const result = A().update(model, edit)
        own.answers = result.answers
        if (result.scope !== undefined) own.scope = result.scope || null
        own.unsaved = !result.kept
        return { kept: result.kept, status: result.status }
      },
      redraw() {
        const shown = page.shown()
        MRP.reportView.render(root, model, shown.answers, shown)
        milestones.render()
      }
    }
    transfer = MRP.reportTransfer.mount(root, model, page)
    milestones = MRP.reportMilestones.mount(root, model, page)

    let decoded = null
    root.querySelector("[data-mrp-adopt]").addEventListener("click", () => {
      if (shared && decoded) transfer.preview(decoded, "the share link", "link")
    })
    root.querySelector("[data-mrp-own]").addEventListener("click", () => {
      leaveShared()
      page.redraw()
    })

    /*
     * Show the share link in fragment ("" for none): its answers, or a notice when it is damaged.
     * linked: the reader put it in the address (not a reload bringing back a remembered view);
     * inAddress: it is in the address now, so it need not be put back there.
     */
    function openShared(fragment, linked, inAddress) {
      decoded = fragment ? A().decodeShare(model, fragment) : null
      if (decoded && !decoded.errors.length) {
        shared = { answers: decoded.answers, label: decoded.label, role: decoded.role, scope: decoded.scope || null }
        rememberSharedView(fragment)
        if (!inAddress) setFragment(fragment)
        sharedBox.hidden = false
        showNotice(root, notices(loaded))
        return
      }
      shared = null
      sharedBox.hidden = true
      rememberSharedView("")
      showNotice(root, linked
        ? "The share link could not be opened. " + decoded.errors.join(" ") + " Your own answers are shown below, not the link's."
        : notices(loaded))
    }

    // A share link in the address, one that just arrived there, or the shared view this tab showed
    // before the reader reloaded.
    const inAddress = location.hash.startsWith("#share=")
    const justArrived = inAddress ? "" : arrivedShare()
    if (inAddress) arrived = null
    openShared(inAddress ? location.hash : justArrived || sharedViewToRestore(), inAddress || Boolean(justArrived), inAddress)
    // Another share link pasted into the address bar of this tab: show it instead (or say it is damaged).
    // The event's own address, because navigation.tracking may already have swapped the fragment.
    window.addEventListener("hashchange", function follow(event) {
      if (!root.isConnected) return window.removeEventListener("hashchange", follow)
      const fragment = new URL(event.newURL).hash
      if (!fragment.startsWith("#share=")) return
      openShared(fragment, true, location.hash === fragment)
      page.redraw()
    })

    // Another tab saved answers, milestones or the label: show what is stored now.
    MRP.storage.onChange([model.storageKey, model.milestonesKey, model.storageKey + ".profile"], root, () => {
      transfer.refresh()
      page.redraw()
    })
    page.redraw()
  }

  function mountAll() {
    for (const root of document.querySelectorAll("[data-mrp-report]")) mount(root)
  }

  return { mountAll }
})()

/*
 * Role-based reading paths: ticks for the steps a reader has read, progress on the path page, a chosen
 * "my path", and on each page of that path a link to its next step.
 * Without JavaScript a path page is a readable, printable reading plan. The path data comes from
 * data/paths.yml in assets/javascripts/paths-data.js, which playbook.js loads only when it is needed.
 */
window.MRP = window.MRP || {}

MRP.paths = (function () {
  "use strict"

  const NOTICES = {
    unavailable: "This browser is not keeping data for this site, so your ticks and your chosen path will " +
      "be lost when you leave the page. Allow site data for this site to keep them.",
    corrupt: "Your saved reading progress could not be read, so this path starts with nothing ticked. " +
      "The unreadable copy was kept in this browser's storage under the key ",
    newer: "Your progress was saved by a newer version of the playbook. This version shows it but will " +
      "not change it.",
    readOnly: "Your reading progress is kept but read-only: this browser can read it, but its storage for " +
      "this site is full or refuses changes, so ticks you make now will not be saved.",
    corruptStuck: "Your saved reading progress could not be read, and this browser's storage for this site " +
      "is full or refuses changes, so it stays where it is, untouched. This path starts with nothing ticked, " +
      "and ticks you make now will not be saved.",
    saveFailed: "Your last change could not be saved: the browser's storage for this site is full or blocked."
  }

  /* The reading paths, from assets/javascripts/paths-data.js (written by hooks/assets.py). */
  function readPayload() {
    return MRP.pathsPayload || null
  }

  /* A site-root-relative URL made absolute, wherever the site is hosted. */
  function siteUrl(path) {
    return new URL(path, typeof __md_scope !== "undefined" ? __md_scope : location.href)
  }

  function emptyProgress() {
    return { chosen: null, read: {} }
  }

  function isProgress(value) {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return false
    if (value.chosen !== null && typeof value.chosen !== "string") return false
    const read = value.read
    if (read === null || typeof read !== "object" || Array.isArray(read)) return false
    return Object.values(read).every(pages => Array.isArray(pages) && pages.every(page => typeof page === "string"))
  }

  /*
   * Load the reader's progress (see MRP.storage for the statuses). Only the path page that owns the
   * data sets a corrupt record aside (options.setAside); other pages just read.
   */
  function load(payload, options) {
    const loaded = MRP.storage.load(payload.storageKey, payload.schemaVersion, isProgress,
      { setAside: Boolean(options && options.setAside) })
    const progress = loaded.record && isProgress(loaded.record)
      ? { chosen: loaded.record.chosen, read: loaded.record.read } : emptyProgress()
    return { progress: progress, status: loaded.status, setAside: loaded.setAside, writable: loaded.writable }
  }

  /* Save progress; true when it was kept. Prefer update: it keeps what other tabs saved. */
  function save(payload, progress) {
    return MRP.storage.save(payload.storageKey, payload.schemaVersion, { chosen: progress.chosen, read: progress.read })
  }

  /*
   * Read-modify-write: edit(progress) changes only what the reader acted on, in the freshest stored
   * progress. Returns {kept, progress}.
   */
  function update(payload, edit) {
    const result = MRP.storage.update(payload.storageKey, payload.schemaVersion, isProgress, record => {
      if (!isProgress(record)) Object.assign(record, emptyProgress())
      edit(record)
    })
    const record = result.record && isProgress(result.record) ? result.record : emptyProgress()
    return { kept: result.kept, progress: { chosen: record.chosen, read: record.read } }
  }

  function minutes(count) {
    return count + (count === 1 ? " minute" : " minutes")
  }

  /* "3 of 8 read, about 25 minutes left." from the steps and the pages read. */
  function describe(steps, readPages) {
    const read = steps.filter(step => readPages.includes(step.page))
    const left = steps.filter(step => !readPages.includes(step.page)).reduce((sum, step) => sum + step.minutes, 0)
    if (read.length === steps.length) {
      return "All " + steps.length + " steps read. Pick something from the go deeper list next."
    }
    return read.length + " of " + steps.length + " read, about " + minutes(left) + " left."
  }

  function showNotice(container, text) {
    const notice = container.querySelector("[data-mrp-notice]")
    notice.textContent = text
    notice.hidden = false
  }

  function pathTitle(payload, pathId) {
    const path = payload.paths.find(candidate => candidate.id === pathId)
    return path ? path.title : pathId
  }

  function mountPath(container, payload) {
    if (container.dataset.mrpMounted) return
    container.dataset.mrpMounted = "true"
    const pathId = container.dataset.mrpPath
    const loaded = load(payload, { setAside: true })
    const state = loaded.progress
    if (loaded.status === "unavailable") showNotice(container, NOTICES.unavailable)
    if (loaded.status === "read-only") showNotice(container, NOTICES.readOnly)
    if (loaded.status === "corrupt") {
      showNotice(container, loaded.setAside ? NOTICES.corrupt + loaded.setAside + "." : NOTICES.corruptStuck)
    }
    if (loaded.status === "newer") showNotice(container, NOTICES.newer)

    const items = Array.from(container.querySelectorAll("[data-mrp-step]"))
    const steps = items.map(item => ({ page: item.dataset.mrpStep, minutes: Number(item.dataset.mrpMinutes) || 0 }))
    const line = container.querySelector("[data-mrp-path-progress]")
    const choose = container.querySelector("[data-mrp-path-choose]")
    const chosenLine = container.querySelector("[data-mrp-path-chosen]")

    /* Show the change at once; then make it, and only it, in the freshest stored progress. */
    function change(edit) {
      edit(state)
      render()
      if (!loaded.writable) return
      const result = update(payload, edit)
      if (!result.kept) return showNotice(container, NOTICES.saveFailed)
      Object.assign(state, result.progress)
      render()
    }

    // Another tab saved progress: show it.
    MRP.storage.onChange([payload.storageKey], container, () => {
      const fresh = load(payload)
      if (fresh.status === "ok" || fresh.status === "empty" || fresh.status === "read-only") {
        Object.assign(state, fresh.progress)
        render()
      }
    })

    function render() {
      const readPages = state.read[pathId] || []
      for (const item of items) {
        const box = item.querySelector("[data-mrp-step-read]")
        box.checked = readPages.includes(item.dataset.mrpStep)
        item.classList.toggle("mrp-step--read", box.checked)
      }
      line.textContent = describe(steps, readPages)
      line.dataset.mrpRead = String(steps.filter(step => readPages.includes(step.page)).length)
      const mine = state.chosen === pathId
      choose.setAttribute("aria-pressed", String(mine))
      chosenLine.textContent = mine
        ? "This is your path: each page on it links to your next step. Press the button again to stop following it."
        : state.chosen ? "Your path is now " + pathTitle(payload, state.chosen) + "." : ""
      container.classList.toggle("mrp-path--mine", mine)
    }

    container.addEventListener("change", event => {
      const box = event.target
      if (!box.matches("[data-mrp-step-read]")) return
      const page = box.closest("[data-mrp-step]").dataset.mrpStep
      const checked = box.checked
      change(progress => {
        const readPages = (progress.read[pathId] || []).filter(other => other !== page)
        if (checked) readPages.push(page)
        progress.read = Object.assign({}, progress.read, { [pathId]: readPages })
      })
    })
    choose.addEventListener("click", () => {
      const follow = state.chosen !== pathId
      change(progress => {
        if (follow) progress.chosen = pathId
        else if (progress.chosen === pathId) progress.chosen = null
      })
    })
    container.querySelector("[data-mrp-path-actions]").hidden = false
    render()
  }

  /* Mark the reader's path in the paths overview table. */
  function mountOverview(table, payload) {
    if (table.dataset.mrpMounted) return
    table.dataset.mrpMounted = "true"
    const chosen = load(payload).progress.chosen
    const row = chosen && table.querySelector("[data-mrp-paths-row=\"" + CSS.escape(chosen) + "\"]")
    if (!row) return
    const badge = document.createElement("span")
    badge.className = "mrp-badge"
    badge.textContent = "your path"
    row.querySelector("th").append(" ", badge)
  }

  function samePage(url) {
    return siteUrl(url).pathname === location.pathname
  }

  /* On a page of the reader's chosen path: "Step N of M" and a link to the next step. */
  function mountNext(payload) {
    const article = document.querySelector("article.md-content__inner")
    if (!article || article.querySelector("[data-mrp-path-next]")) return
    const chosen = load(payload).progress.chosen
    const path = chosen && payload.paths.find(candidate => candidate.id === chosen)
    if (!path || samePage(path.url)) return
    const index = path.steps.findIndex(step => samePage(step.url))
    if (index < 0) return

    const nav = document.createElement("nav")
    nav.className = "mrp-path-next"
    nav.dataset.mrpPathNext = path.id
    nav.setAttribute("aria-label", "Your reading path")
    const text = document.createElement("p")
    const home = document.createElement("a")
    home.href = siteUrl(path.url).href
    home.textContent = "your path: " + path.title
    text.append("Step " + (index + 1) + " of " + path.steps.length + " in ", home, ". ")
    const next = path.steps[index + 1]
    if (next) {
      const link = document.createElement("a")
      link.href = siteUrl(next.url).href
      link.dataset.mrpPathNextLink = ""
      link.textContent = next.title
      text.append("Next in your path: ", link)
    } else {
      text.append("This is the last step. Tick what you have read on the path page.")
    }
    nav.append(text)
    article.append(nav)
  }

  /* When another tab chooses or drops a path, the next-step link follows. */
  function watchNext(payload) {
    const article = document.querySelector("article.md-content__inner")
    if (!article || article.dataset.mrpPathWatched) return
    article.dataset.mrpPathWatched = "true"
    MRP.storage.onChange([payload.storageKey], article, () => {
      const shown = article.querySelector("[data-mrp-path-next]")
      if (shown) shown.remove()
      mountNext(payload)
    })
  }

  function mountAll() {
    const payload = readPayload(document)
    if (!payload) return
    for (const container of document.querySelectorAll("[data-mrp-path]")) mountPath(container, payload)
    for (const table of document.querySelectorAll("table.mrp-paths-overview")) mountOverview(table, payload)
    mountNext(payload)
    watchNext(payload)
  }

  return { mountAll, load, save, update, describe }
})()

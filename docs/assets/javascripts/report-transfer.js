/*
 * The report's tools for moving answers between browsers: the label and role, export to a file,
 * import from a file or a share link (preview, merge, replace, undo) and copying a share link.
 * Everything happens in this browser; share links carry the answers in the URL fragment.
 *
 * mount(root, model, page) takes the report page's interface (see report.js):
 *   page.shown()        -> {answers, label, role, shared}: what the report shows now
 *   page.ownAnswers()   -> the reader's own answers, freshly read
 *   page.ownScope()     -> the reader's own stored scope (null: never chosen), freshly read
 *   page.changeOwn(edit) -> {kept, status}: a read-modify-write of the reader's own answers;
 *                          edit(answers, content) may also set content.scope
 *   page.redraw()
 * and returns {meta, preview(parsed, source, what), refresh, loadProfile}.
 */
window.MRP = window.MRP || {}

MRP.reportTransfer = (function () {
  "use strict"

  const A = () => MRP.assessment
  const V = () => MRP.reportView
  const { element } = MRP.dom

  /* Two answers are the same when they serialise the same (works for any answer shape). */
  const same = (first, second) => JSON.stringify(first) === JSON.stringify(second)

  const chose = (model, scope) => Array.isArray(scope) && scope.some(id => model.scopes.some(known => known.id === id))

  /* The scope after a merge (yours when you chose one) or a replace (the incoming one when it has one). */
  function scopeAfter(model, how, mine, incoming) {
    if (how === "merge") return chose(model, mine) ? mine : chose(model, incoming) ? incoming : mine
    return chose(model, incoming) ? incoming : mine
  }

  /* What the incoming scope is, and what merge and replace would make yours. */
  function describeScope(model, mine, incoming, what) {
    const label = scope => V().scopeLabel(model, scope)
    if (!chose(model, incoming)) {
      return element("p", "The " + what + " does not say what it counts for, so your scope stays " + label(mine) + ".")
    }
    const same = label(mine) === label(incoming)
    return element("p", "The " + what + " counts for " + label(incoming) + "; yours for " + label(mine) + ". " +
      (same ? "Both are the same, so your scope stays as it is."
        : "Merge keeps your scope " + (chose(model, mine) ? "" : "only if you chose one; you have not, so it takes the " + what + "'s") +
          ". Replace takes the " + what + "'s scope."))
  }

  /* An answer as the preview names it; an entry with only a note, owner or date has no answer yet. */
  const answerText = entry => ((A().toEntry(entry) || {}).value ? V().answerLabel(entry) : "no answer yet")

  /* Exactly what Merge would fill in: the same A().merge that the Merge button applies. */
  function describeMerge(model, current, incoming, what) {
    const change = A().diff(current, A().merge(current, incoming))
    const filled = change.added.concat(change.changed)
    const name = id => V().itemTitle(model, id) || "an item this version does not know (" + id + ")"
    const box = element("div")
    box.dataset.mrpPreviewMerge = ""
    if (!filled.length) {
      box.appendChild(element("p", "Merge changes nothing: every item the " + what + " answers already has an answer from you."))
      return box
    }
    box.appendChild(element("p", "Merge fills in " + filled.length + (filled.length === 1 ? " answer" : " answers") +
      " you left empty, and keeps every answer, note, owner and date you gave:"))
    const list = box.appendChild(element("ul"))
    for (const id of filled) list.appendChild(element("li", name(id) + ": " + answerText(incoming[id])))
    return box
  }

  /* what: "file" or "link", the thing the incoming answers came in. */
  function describeChanges(model, current, incoming, what) {
    const change = A().diff(current, incoming)
    const name = id => V().itemTitle(model, id) || "an item this version does not know (" + id + ")"
    const box = element("div")
    box.appendChild(element("p", change.added.length + " new answers, " + change.changed.length + " different, " +
      change.removed.length + " of yours that the " + what + " does not have."))
    if (change.changed.length) {
      const list = box.appendChild(element("ul"))
      for (const id of change.changed) {
        list.appendChild(element("li", name(id) + ": yours " + answerText(current[id]) + ", " + what + " " + answerText(incoming[id])))
      }
    }
    box.appendChild(describeMerge(model, current, incoming, what))
    box.appendChild(element("p", "Replace makes your answers exactly those in the " + what + "; you can undo it straight after."))
    return box
  }

  function mount(root, model, page) {
    const status = root.querySelector("[data-mrp-tool-status]")
    const preview = root.querySelector("[data-mrp-preview]")
    const summary = root.querySelector("[data-mrp-preview-summary]")
    const say = text => status.replaceChildren(element("span", text))
    let pending = null

    /* ---- label and role, kept under their own key ---- */

    const profileKey = model.storageKey + ".profile"
    const isProfile = record => typeof record.label === "string" && typeof record.role === "string"
    const labelInput = root.querySelector("[data-mrp-label]")
    const roleInput = root.querySelector("[data-mrp-role]")
    const meta = () => ({ label: labelInput.value.trim(), role: roleInput.value.trim() })

    function loadProfile() {
      const profile = MRP.storage.load(profileKey, model.schemaVersion, isProfile)
      if (!profile.record) return
      if (document.activeElement !== labelInput) labelInput.value = String(profile.record.label || "")
      if (document.activeElement !== roleInput) roleInput.value = String(profile.record.role || "")
    }

    function saveProfile(profile) {
      MRP.storage.update(profileKey, model.schemaVersion, isProfile, record => Object.assign(record, profile))
    }

    function setProfile(profile) {
      labelInput.value = profile.label
      roleInput.value = profile.role
      saveProfile(meta())
    }

    loadProfile()
    for (const input of [labelInput, roleInput]) {
      input.addEventListener("input", () => {
        saveProfile(meta())
        if (!page.shown().shared) V().renderMeta(root, model, page.shown())
      })
    }

    root.querySelector("[data-mrp-print]").addEventListener("click", () => window.print())

    /* ---- export and share: what the report shows, the reader's own or a shared set ---- */

    root.querySelector("[data-mrp-export]").addEventListener("click", () => {
      const shown = page.shown()
      const exported = A().exportDocument(model, shown.answers, shown, shown.scope)
      const filename = "mlops-readiness-answers-" + exported.exportedAt.slice(0, 10) + ".json"
      MRP.dom.downloadJson(filename, exported)
      say("Exported " + Object.keys(shown.answers).length + (shown.shared ? " shared answers, as shown here," : " answers") +
        " to " + filename + ".")
    })

    root.querySelector("[data-mrp-share]").addEventListener("click", () => {
      // A page opened from a folder (the offline bundle) would put a file:// address in the link: it
      // opens nothing on a colleague's computer, so no such link is offered.
      if (location.protocol === "file:") {
        say("Share links need the published site: this page was opened from a folder on your computer, and a " +
          "link to it would open nothing on a colleague's. Export answers as a file and send that instead; " +
          "your colleague imports it on their readiness report.")
        return
      }
      const shown = page.shown()
      const url = location.href.split("#")[0] + "#" + A().encodeShare(model, shown.answers, shown.scope)
      const whose = shown.shared ? "the shared answers shown here" : "your answers"
      say("Copy this share link. It holds " + whose + " in the link itself; they never reach a server.")
      const field = status.appendChild(element("input", undefined, "mrp-share-link"))
      field.type = "text"
      field.readOnly = true
      field.value = url
      field.setAttribute("aria-label", "Share link")
      field.select()
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(() => {
          status.firstChild.textContent = "Share link copied. It holds " + whose + " in the link itself; they never reach a server."
        }, () => {})
      }
    })

    /* ---- import: preview first, then merge or replace, then undo ---- */

    function closePreview() {
      pending = null
      preview.hidden = true
      summary.replaceChildren()
    }

    function describePending() {
      summary.replaceChildren(element("p", "From " + pending.source + ":"),
        describeChanges(model, page.ownAnswers(), pending.parsed.answers, pending.what),
        describeScope(model, page.ownScope(), pending.parsed.scope, pending.what))
      summary.lastChild.dataset.mrpPreviewScope = ""
      if (pending.parsed.unknown.length) {
        summary.appendChild(element("p", pending.parsed.unknown.length + " answers are for items this version of the playbook does not know. They are kept, but not shown."))
      }
    }

    /* source names where the answers came from ("the file <name>"); what is "file" or "link". */
    function showPreview(parsed, source, what) {
      pending = { parsed: parsed, source: source, what: what || "file" }
      describePending()
      preview.hidden = false
      preview.querySelector("[data-mrp-merge]").focus()
    }

    /* Make the change to the reader's own answers and scope, then offer to undo exactly that change. */
    function apply(edit, scope, profile, message) {
      const before = page.ownAnswers()
      const scopeBefore = page.ownScope()
      const profileBefore = meta()
      closePreview()
      const result = page.changeOwn((answers, content) => {
        content.scope = scope
        return edit(answers)
      })
      const after = page.ownAnswers()
      setProfile(profile)
      page.redraw()
      say(result.kept ? message : message + " They are shown here but not kept: " + V().notKeptReason(result.status) + ".")
      const change = A().diff(before, after)
      const touched = change.added.concat(change.changed, change.removed)
      const button = element("button", "Undo", "md-button")
      button.type = "button"
      button.addEventListener("click", () => {
        // Undo only what the import changed, and only where nobody has changed it since.
        page.changeOwn((answers, content) => {
          if (same(content.scope, scope)) content.scope = scopeBefore
          for (const id of touched) {
            if (!same(answers[id], after[id])) continue
            if (Object.hasOwn(before, id)) answers[id] = before[id]
            else delete answers[id]
          }
          return answers
        })
        setProfile(profileBefore)
        page.redraw()
        say("Import undone: your earlier answers are back.")
      })
      status.appendChild(document.createTextNode(" "))
      status.appendChild(button)
    }

    root.querySelector("[data-mrp-merge]").addEventListener("click", () => {
      if (!pending) return
      const incoming = pending.parsed
      const mine = meta()
      apply(answers => A().merge(answers, incoming.answers), scopeAfter(model, "merge", page.ownScope(), incoming.scope),
        { label: mine.label || incoming.label, role: mine.role || incoming.role },
        "Merged: your answers were kept and the empty ones filled in.")
    })
    root.querySelector("[data-mrp-replace]").addEventListener("click", () => {
      if (!pending) return
      const incoming = pending.parsed
      const mine = meta()
      apply(() => Object.assign({}, incoming.answers), scopeAfter(model, "replace", page.ownScope(), incoming.scope),
        { label: incoming.label || mine.label, role: incoming.role || mine.role },
        "Replaced: your answers are now those from " + pending.source + ".")
    })
    root.querySelector("[data-mrp-cancel]").addEventListener("click", () => {
      closePreview()
      say("Nothing was changed.")
    })

    root.querySelector("[data-mrp-import]").addEventListener("change", event => {
      const file = event.target.files && event.target.files[0]
      event.target.value = ""
      if (!file) return
      // A new file replaces any preview still open: its buttons must not act on the old file.
      closePreview()
      if (file.size > A().MAX_FILE_BYTES) {
        say("Nothing was changed. The file is too large (" + Math.round(file.size / 1024) + " KB); an answers file is a few KB.")
        return
      }
      file.text().then(text => {
        const parsed = A().parseDocument(model, text)
        if (parsed.errors.length) say("Nothing was changed. " + parsed.errors.join(" "))
        else showPreview(parsed, "the file " + file.name)
      }, () => say("Nothing was changed. The file could not be read."))
    })

    /* Another tab changed the stored answers or profile: keep the preview and the fields current. */
    function refresh() {
      loadProfile()
      if (pending) describePending()
    }

    return { meta, preview: showPreview, refresh, loadProfile }
  }

  return { mount }
})()

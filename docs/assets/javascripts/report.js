/*
 * The readiness report: verdict, scores, gating, next actions and suggested team set-up, worked out
 * from the reader's saved answers (or from a share link); plus export, import, share and milestones.
 * Nothing leaves the browser: files are made and read locally, and share links carry the answers in
 * the URL fragment, which browsers never send to a server.
 */
window.MRP = window.MRP || {}

MRP.report = (function () {
  "use strict"

  const A = () => MRP.assessment
  const { element, percent } = MRP.dom
  const answerLabel = answer => (answer === "yes" ? "yes" : answer === "na" ? "not applicable" : "no")

  function siteUrl(path) {
    return new URL(path, typeof __md_scope !== "undefined" ? __md_scope : location.href).href
  }

  function itemsById(model) {
    const map = {}
    for (const checklist of model.checklists) {
      for (const section of checklist.sections) {
        for (const item of section.items) map[item.id] = Object.assign({ checklist: checklist }, item)
      }
    }
    return map
  }

  /* ---- the report itself ---- */

  function renderVerdict(root, model, answers) {
    const level = A().verdict(model, answers)
    const box = root.querySelector("[data-mrp-verdict]")
    box.replaceChildren()
    box.dataset.level = level.id
    box.appendChild(element("p", level.title, "mrp-verdict__title"))
    box.appendChild(element("p", level.summary))
    const list = box.appendChild(element("ul"))
    for (const checklist of model.checklists) {
      const result = A().scoreChecklist(checklist, answers)
      const line = checklist.title + ": " + percent(result.score) + " (" + percent(checklist.passScore) + " needed" +
        (result.criticalMissing.length ? ", " + result.criticalMissing.length + " critical unticked" : "") + "), " +
        (result.met ? "met" : "not met yet")
      list.appendChild(element("li", line))
    }
    return level
  }

  function renderScores(root, model, answers) {
    const rows = []
    const tableRows = []
    for (const checklist of model.checklists) {
      const result = A().scoreChecklist(checklist, answers)
      rows.push({ label: checklist.title, score: result.score, threshold: checklist.passScore })
      tableRows.push([checklist.title, result.earned + " of " + result.possible, percent(result.score), percent(checklist.passScore), result.met ? "Met" : "Not met yet"])
      for (const section of checklist.sections) {
        const part = result.sections[section.id]
        rows.push({ label: section.title, score: part.score, threshold: null, indent: true })
        tableRows.push(["  " + section.title, part.earned + " of " + part.possible, percent(part.score), "", ""])
      }
    }
    const chart = root.querySelector("[data-mrp-chart]")
    chart.replaceChildren(MRP.charts.bars(rows, "Readiness scores by checklist and section",
      "Bars show the share of weighted points earned for each checklist and its sections; a dashed line marks each checklist's threshold. The same numbers are in the table below."))
    chart.appendChild(element("figcaption", "Score per checklist and section. The dashed line marks the share needed to count a checklist as met."))
    root.querySelector("[data-mrp-score-table]").replaceChildren(
      MRP.charts.table("Readiness scores", ["Checklist or section", "Points", "Score", "Needed", "Result"], tableRows))
  }

  function renderGating(root, model, answers) {
    const items = itemsById(model)
    const blocked = A().blockedItems(model, answers)
    const box = root.querySelector("[data-mrp-gating]")
    box.replaceChildren()
    const entries = Object.entries(blocked).filter(([id]) => answers[id] !== "na")
    if (!entries.length) {
      box.appendChild(element("p", "Nothing is held back: every practice has the foundations it builds on."))
      return
    }
    box.appendChild(element("p", "DevOps foundations gate MLOps. These practices will not pay off until the items they build on are in place:"))
    const list = box.appendChild(element("ul"))
    for (const [id, missing] of entries) {
      list.appendChild(element("li", "Before " + items[id].title.toLowerCase() + ", put " +
        missing.map(other => items[other].title.toLowerCase()).join(" and ") + " in place."))
    }
  }

  function renderNextActions(root, model, answers) {
    const items = itemsById(model)
    const list = root.querySelector("[data-mrp-next-actions]")
    list.replaceChildren()
    const actions = A().nextActions(model, answers)
    if (!actions.length) {
      list.appendChild(element("li", "Every item is ticked or not applicable. Save a milestone, and take the assessment again next quarter."))
      return
    }
    for (const id of actions) {
      const item = items[id]
      const entry = list.appendChild(element("li"))
      entry.dataset.item = id
      entry.appendChild(element("strong", item.title))
      if (item.critical) entry.appendChild(element("span", "critical", "mrp-badge"))
      entry.appendChild(element("span", " (" + item.checklist.title + "). " + item.statement + " "))
      const link = entry.appendChild(element("a", "Learn more"))
      link.href = siteUrl(item.learnMore)
    }
  }

  function renderTopology(root, level) {
    const paragraph = root.querySelector("[data-mrp-topology]")
    paragraph.replaceChildren(element("span", level.topology + " "))
    const link = paragraph.appendChild(element("a", "How such teams work"))
    link.href = siteUrl(level.topologyPage)
  }

  function renderMeta(root, model, meta) {
    const parts = []
    if (meta.label) parts.push("Report for " + meta.label)
    if (meta.role) parts.push("answered as " + meta.role)
    parts.push(new Date().toLocaleDateString(undefined, { year: "numeric", month: "long", day: "numeric" }))
    parts.push("MLOps Readiness Playbook v" + model.playbookVersion)
    root.querySelector("[data-mrp-meta]").textContent = parts.join(" · ")
  }

  function renderReport(root, model, answers, meta) {
    renderMeta(root, model, meta)
    const level = renderVerdict(root, model, answers)
    renderScores(root, model, answers)
    renderGating(root, model, answers)
    renderNextActions(root, model, answers)
    renderTopology(root, level)
    root.querySelector("[data-mrp-body]").hidden = false
  }

  /* ---- import preview, shared by file import and adopting a share link ---- */

  function describeChanges(model, current, incoming) {
    const items = itemsById(model)
    const change = A().diff(current, incoming)
    const name = id => (items[id] ? items[id].title : id)
    const box = element("div")
    box.appendChild(element("p", change.added.length + " new answers, " + change.changed.length + " different, " +
      change.removed.length + " of yours that the file does not have."))
    if (change.changed.length) {
      const list = box.appendChild(element("ul"))
      for (const id of change.changed) list.appendChild(element("li", name(id) + ": yours " + answerLabel(current[id]) + ", file " + answerLabel(incoming[id])))
    }
    box.appendChild(element("p", "Merge keeps every answer you gave and fills in only the empty ones. Replace makes your answers exactly those in the file; you can undo it straight after."))
    return box
  }

  function mountTools(root, model, state, rerender) {
    const status = root.querySelector("[data-mrp-tool-status]")
    const preview = root.querySelector("[data-mrp-preview]")
    const say = text => status.replaceChildren(element("span", text))
    let pending = null
    let undo = null

    const profileKey = model.storageKey + ".profile"
    const labelInput = root.querySelector("[data-mrp-label]")
    const roleInput = root.querySelector("[data-mrp-role]")
    const profile = MRP.storage.load(profileKey, model.schemaVersion,
      record => typeof record.label === "string" && typeof record.role === "string")
    if (profile.record) {
      labelInput.value = String(profile.record.label || "")
      roleInput.value = String(profile.record.role || "")
    }
    const meta = () => ({ label: labelInput.value.trim(), role: roleInput.value.trim() })
    for (const input of [labelInput, roleInput]) {
      input.addEventListener("input", () => {
        if (profile.writable) MRP.storage.save(profileKey, model.schemaVersion, meta())
        renderMeta(root, model, meta())
      })
    }
    state.meta = meta

    root.querySelector("[data-mrp-print]").addEventListener("click", () => window.print())

    root.querySelector("[data-mrp-export]").addEventListener("click", () => {
      const exported = A().exportDocument(model, state.answers, meta())
      const filename = "mlops-readiness-answers-" + exported.exportedAt.slice(0, 10) + ".json"
      MRP.dom.downloadJson(filename, exported)
      say("Exported " + Object.keys(state.answers).length + " answers to " + filename + ".")
    })

    function showPreview(incoming, source) {
      pending = incoming
      const summary = root.querySelector("[data-mrp-preview-summary]")
      summary.replaceChildren(element("p", "From " + source + ":"), describeChanges(model, state.answers, incoming.answers))
      if (incoming.unknown.length) {
        summary.appendChild(element("p", incoming.unknown.length + " answers are for items this version of the playbook does not know. They are kept, but not shown."))
      }
      preview.hidden = false
      preview.querySelector("[data-mrp-merge]").focus()
    }
    state.showPreview = showPreview

    function apply(answers, message) {
      undo = state.answers
      state.answers = answers
      if (!state.writable) say(message + " They are shown here but not kept: this browser will not store them.")
      else if (!A().save(model, answers)) say("Your answers could not be saved in this browser.")
      else say(message)
      preview.hidden = true
      pending = null
      state.onApplied()
      rerender()
      const button = element("button", "Undo", "md-button")
      button.type = "button"
      button.addEventListener("click", () => {
        state.answers = undo
        if (state.writable) A().save(model, undo)
        say("Import undone: your earlier answers are back.")
        rerender()
      })
      status.appendChild(document.createTextNode(" "))
      status.appendChild(button)
    }

    root.querySelector("[data-mrp-merge]").addEventListener("click", () => {
      if (pending) apply(A().merge(state.answers, pending.answers), "Merged: your answers were kept and the empty ones filled in.")
    })
    root.querySelector("[data-mrp-replace]").addEventListener("click", () => {
      if (pending) apply(Object.assign({}, pending.answers), "Replaced: your answers are now those from the file.")
    })
    root.querySelector("[data-mrp-cancel]").addEventListener("click", () => {
      pending = null
      preview.hidden = true
      say("Nothing was changed.")
    })

    root.querySelector("[data-mrp-import]").addEventListener("change", event => {
      const file = event.target.files && event.target.files[0]
      event.target.value = ""
      if (!file) return
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

    root.querySelector("[data-mrp-share]").addEventListener("click", () => {
      const url = location.href.split("#")[0] + "#" + A().encodeShare(model, state.answers)
      say("Copy this share link. It holds your answers in the link itself; they never reach a server.")
      const field = status.appendChild(element("input", undefined, "mrp-share-link"))
      field.type = "text"
      field.readOnly = true
      field.value = url
      field.setAttribute("aria-label", "Share link")
      field.select()
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(() => {
          status.firstChild.textContent = "Share link copied. It holds your answers in the link itself; they never reach a server."
        }, () => {})
      }
    })
  }

  /* ---- milestones ---- */

  function mountMilestones(root, model, state, rerender) {
    const list = root.querySelector("[data-mrp-milestones]")
    const trend = root.querySelector("[data-mrp-trend]")
    const nameInput = root.querySelector("[data-mrp-milestone-name]")
    const status = root.querySelector("[data-mrp-tool-status]")

    function render() {
      const { milestones } = A().loadMilestones(model)
      list.replaceChildren()
      trend.replaceChildren()
      if (!milestones.length) {
        list.appendChild(element("p", "No milestones yet."))
        return
      }
      const snapshots = milestones.concat([{ name: "Now", savedAt: new Date().toISOString(), answers: state.answers, current: true }])
      const series = model.checklists.map(checklist => ({
        label: checklist.title,
        values: snapshots.map(snapshot => A().scoreChecklist(checklist, snapshot.answers).score)
      }))
      trend.appendChild(MRP.charts.trend(snapshots.map(snapshot => snapshot.name.slice(0, 14)), series,
        "Scores over time", "One line per checklist, from the oldest milestone to your current answers. The table below lists the same scores."))
      const rows = snapshots.map((snapshot, index) => {
        const cells = [snapshot.name, snapshot.current ? "current answers" : new Date(snapshot.savedAt).toLocaleDateString()]
        for (const line of series) cells.push(percent(line.values[index]))
        cells.push(A().verdict(model, snapshot.answers).title)
        const actions = element("span")
        if (!snapshot.current) {
          const compare = actions.appendChild(element("button", "Compare with now", "md-button"))
          compare.type = "button"
          compare.addEventListener("click", () => showComparison(snapshot))
          const remove = actions.appendChild(element("button", "Delete", "md-button"))
          remove.type = "button"
          remove.setAttribute("aria-label", "Delete milestone " + snapshot.name)
          remove.addEventListener("click", () => {
            const stored = A().loadMilestones(model)
            const kept = stored.milestones.filter(other => other.savedAt !== snapshot.savedAt || other.name !== snapshot.name)
            status.textContent = stored.writable && A().saveMilestones(model, kept)
              ? "Milestone \u201c" + snapshot.name + "\u201d deleted."
              : "The milestone could not be deleted: this browser is not keeping changes to them."
            render()
          })
        }
        cells.push(actions)
        return cells
      })
      list.appendChild(MRP.charts.table("Milestones", ["Milestone", "Saved"].concat(model.checklists.map(c => c.title), ["Verdict", "Actions"]), rows))
      list.appendChild(element("div", undefined, "mrp-comparison")).dataset.mrpComparison = ""
    }

    function showComparison(snapshot) {
      const items = itemsById(model)
      const change = A().diff(snapshot.answers, state.answers)
      const box = list.querySelector("[data-mrp-comparison]")
      box.replaceChildren(element("h4", "Since \u201c" + snapshot.name + "\u201d"))
      const ids = change.added.concat(change.changed, change.removed).filter(id => items[id])
      if (!ids.length) box.appendChild(element("p", "No answer has changed."))
      const ul = box.appendChild(element("ul"))
      for (const id of ids) ul.appendChild(element("li", items[id].title + ": " + answerLabel(snapshot.answers[id]) + " \u2192 " + answerLabel(state.answers[id])))
      box.tabIndex = -1
      box.focus()
    }

    root.querySelector("[data-mrp-milestone-save]").addEventListener("click", () => {
      const stored = A().loadMilestones(model)
      const name = nameInput.value.trim() || "Milestone " + (stored.milestones.length + 1)
      const milestones = stored.milestones.concat([{ name: name.slice(0, 80), savedAt: new Date().toISOString(), answers: Object.assign({}, state.answers) }])
      status.textContent = stored.writable && A().saveMilestones(model, milestones)
        ? "Milestone \u201c" + name + "\u201d saved."
        : "The milestone could not be saved: this browser is not keeping data for this site, or a newer version of the playbook wrote them."
      nameInput.value = ""
      render()
    })
    return render
  }

  /* ---- mounting ---- */

  function mount(root) {
    if (root.dataset.mrpMounted) return
    root.dataset.mrpMounted = "true"
    const model = A().readModel(document)
    if (!model) return
    const loaded = A().load(model)
    const own = { answers: loaded.answers, writable: loaded.writable }
    const notice = root.querySelector("[data-mrp-notice]")
    const NOTICES = {
      unavailable: "This browser is not keeping data for this site, so there are no saved answers to report on. Import a file or open a share link instead.",
      corrupt: "Your saved answers could not be read, so the report starts empty. The unreadable copy was kept in this browser's storage under the key " + (loaded.setAside || "(it could not be kept)") + ".",
      newer: "Your answers were saved by a newer version of the playbook. This version reports on them but will not change them."
    }
    if (NOTICES[loaded.status]) {
      notice.textContent = NOTICES[loaded.status]
      notice.hidden = false
    }
    root.querySelector("[data-mrp-static]").hidden = true
    root.querySelector("[data-mrp-tools]").hidden = false

    let shown = own
    const shared = root.querySelector("[data-mrp-shared]")
    let renderMilestones = () => {}
    /* Once answers are imported or adopted, the report shows the reader's own answers again. */
    own.onApplied = () => {
      if (shown === own) return
      shown = own
      shared.hidden = true
      history.replaceState(null, "", location.pathname + location.search)
    }
    const rerender = () => {
      renderReport(root, model, shown.answers, own.meta ? own.meta() : {})
      renderMilestones()
    }
    mountTools(root, model, own, rerender)
    renderMilestones = mountMilestones(root, model, own, rerender)

    if (location.hash.startsWith("#share=")) {
      const decoded = A().decodeShare(model, location.hash)
      if (decoded.errors.length) {
        notice.textContent = decoded.errors.join(" ") + " Your own answers are shown below."
        notice.hidden = false
      } else {
        shown = { answers: decoded.answers }
        shared.hidden = false
        root.querySelector("[data-mrp-adopt]").addEventListener("click", () => own.showPreview(decoded, "the share link"))
        root.querySelector("[data-mrp-own]").addEventListener("click", () => {
          own.onApplied()
          rerender()
        })
      }
    }
    rerender()
  }

  function mountAll() {
    for (const root of document.querySelectorAll("[data-mrp-report]")) mount(root)
  }

  return { mountAll }
})()

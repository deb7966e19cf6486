/*
 * The readiness report's rendering: verdict, scores, gating, next actions and the suggested team
 * set-up, drawn from a set of answers. Pure output: it reads no storage and keeps no state.
 * report.js decides which answers to draw (the reader's own, or a share link's).
 */
window.MRP = window.MRP || {}

MRP.reportView = (function () {
  "use strict"

  const A = () => MRP.assessment
  const { element, percent, longDate } = MRP.dom

  /* Item id -> item with its checklist. A Map, so ids such as "constructor" are simply unknown. */
  const cache = new WeakMap()
  function itemsById(model) {
    if (!cache.has(model)) {
      const map = new Map()
      for (const checklist of model.checklists) {
        for (const section of checklist.sections) {
          for (const item of section.items) map.set(item.id, Object.assign({ checklist: checklist }, item))
        }
      }
      cache.set(model, map)
    }
    return cache.get(model)
  }

  /* The item's title, or null for an id this version of the playbook does not know. */
  function itemTitle(model, id) {
    const item = itemsById(model).get(id)
    return item ? item.title : null
  }

  function answerLabel(answer) {
    const value = answer !== null && typeof answer === "object" ? answer.value : answer
    return value === "yes" ? "yes" : value === "na" ? "not applicable" : value === "partly" ? "partly" : "no"
  }

  /* Why a change was shown but not kept, from a MRP.storage status; what names the stored thing. */
  function notKeptReason(status, what) {
    const thing = what || "your saved answers"
    if (status === "newer") return thing + " come from a newer version of the playbook, which this version does not change"
    if (status === "read-only") return "this browser's storage for this site is full or refuses changes, so " + thing + " are kept but read-only"
    if (status === "corrupt") return thing + " could not be read, and this browser's storage for this site is full or refuses changes"
    return "this browser is not keeping data for this site"
  }

  function siteUrl(path) {
    return new URL(path, typeof __md_scope !== "undefined" ? __md_scope : location.href).href
  }

  /* The verdict as a status card (issue-12 helper): which level of how many, what it means, and each
   * checklist's state in words and a mark, so that met and unmet never rest on colour alone. */
  function renderVerdict(root, model, answers, scope, shared) {
    const level = A().verdict(model, answers, scope)
    const counted = A().readerScope(model, scope)
    const box = root.querySelector("[data-mrp-verdict]")
    const position = model.levels.findIndex(candidate => candidate.id === level.id)
    box.replaceChildren()
    box.dataset.mrpLevel = level.id
    box.classList.add("mrp-verdict--card")
    box.appendChild(element("p", "Level " + (position + 1) + " of " + model.levels.length, "mrp-verdict__step"))
    box.appendChild(element("p", level.title, "mrp-verdict__title"))
    box.appendChild(element("p", level.summary))
    const list = box.appendChild(element("ul", undefined, "mrp-verdict__checklists"))
    for (const checklist of model.checklists) {
      const entry = list.appendChild(element("li"))
      if (!A().inScope(checklist, counted)) {
        entry.className = "mrp-verdict__out"
        entry.appendChild(element("span", "\u2013", "mrp-verdict__mark"))
        entry.appendChild(element("span", checklist.title + ": ", "mrp-verdict__name"))
        entry.appendChild(element("span", "not in " + (shared ? "the shared answers'" : "your") + " scope, so not counted", "mrp-verdict__detail"))
        continue
      }
      const result = A().scoreChecklist(checklist, answers)
      entry.className = result.met ? "mrp-verdict__met" : "mrp-verdict__unmet"
      entry.appendChild(element("span", result.met ? "\u2713" : "\u2717", "mrp-verdict__mark"))
      entry.appendChild(element("span", checklist.title + ": ", "mrp-verdict__name"))
      entry.appendChild(element("span", percent(result.score), "mrp-verdict__figure"))
      entry.appendChild(element("span", " (" + percent(checklist.passScore) + " needed" +
        (result.criticalMissing.length ? ", " + result.criticalMissing.length + " critical not Yes" : "") + "), " +
        (result.met ? "met" : "not met yet"), "mrp-verdict__detail"))
    }
    return level
  }

  /* Scores by checklist and section. A checklist outside the scope is drawn as such, without its
   * sections: it does not count, so its 0 % would only look like a failure. */
  function renderScores(root, model, answers, scope) {
    const counted = A().readerScope(model, scope)
    const rows = []
    const tableRows = []
    for (const checklist of model.checklists) {
      const result = A().scoreChecklist(checklist, answers)
      if (!A().inScope(checklist, counted)) {
        rows.push({ label: checklist.title, score: result.score, threshold: checklist.passScore, met: false, out: true })
        tableRows.push([checklist.title, result.earned + " of " + result.possible, percent(result.score), percent(checklist.passScore), "Out of scope"])
        continue
      }
      rows.push({ label: checklist.title, score: result.score, threshold: checklist.passScore, met: result.met })
      tableRows.push([checklist.title, result.earned + " of " + result.possible, percent(result.score), percent(checklist.passScore), result.met ? "Met" : "Not met yet"])
      for (const section of checklist.sections) {
        const part = result.sections[section.id]
        rows.push({ label: section.title, score: part.score, threshold: null, indent: true })
        tableRows.push(["  " + section.title, part.earned + " of " + part.possible, percent(part.score), "", ""])
      }
    }
    const chart = root.querySelector("[data-mrp-chart]")
    chart.replaceChildren(MRP.charts.bars(rows, "Readiness scores by checklist and section",
      "Bars show the share of weighted points earned for each checklist in scope and its sections; a dashed line marks each checklist's threshold. Checklists outside the scope are marked out of scope. The same numbers are in the table below."))
    chart.appendChild(element("figcaption", "Score per checklist and section. The dashed line marks the share needed to count a checklist as met."))
    root.querySelector("[data-mrp-score-table]").replaceChildren(
      MRP.charts.table("Readiness scores", ["Checklist or section", "Points", "Score", "Needed", "Result"], tableRows))
  }

  function renderGating(root, model, answers, scope) {
    const items = itemsById(model)
    const blocked = A().blockedItems(model, answers, scope)
    const box = root.querySelector("[data-mrp-gating]")
    box.replaceChildren()
    const entries = Object.entries(blocked).filter(([id]) => items.has(id) && A().valueOf(answers[id]) !== "na")
    if (!entries.length) {
      box.appendChild(element("p", "Nothing is held back: every practice has the foundations it builds on."))
      return
    }
    box.appendChild(element("p", "DevOps foundations gate MLOps. These practices will not pay off until the items they build on are in place:"))
    const list = box.appendChild(element("ul"))
    for (const [id, missing] of entries) {
      list.appendChild(element("li", "Before " + items.get(id).title.toLowerCase() + ", put " +
        missing.map(other => (itemTitle(model, other) || other).toLowerCase()).join(" and ") + " in place."))
    }
  }

  function renderNextActions(root, model, answers, scope) {
    const items = itemsById(model)
    const list = root.querySelector("[data-mrp-next-actions]")
    list.replaceChildren()
    const actions = A().nextActions(model, answers, scope).filter(id => items.has(id))
    if (!actions.length) {
      list.appendChild(element("li", "Every item in your scope is Yes or not applicable. Save a milestone, and take the assessment again next quarter."))
      return
    }
    for (const id of actions) {
      const item = items.get(id)
      const entry = list.appendChild(element("li"))
      entry.dataset.mrpItem = id
      entry.appendChild(element("strong", item.title))
      if (item.critical) entry.appendChild(element("span", "critical", "mrp-badge"))
      entry.appendChild(element("span", " (" + item.checklist.title + "). " + item.statement + " "))
      // Named after the item: a bare "Learn more" link says nothing out of context.
      const link = entry.appendChild(element("a", "Learn more about " + item.title))
      link.href = siteUrl(item.learnMore)
    }
  }

  function renderTopology(root, level) {
    const paragraph = root.querySelector("[data-mrp-topology]")
    paragraph.replaceChildren(element("span", level.topology + " "))
    const link = paragraph.appendChild(element("a", "How such teams work"))
    link.href = siteUrl(level.topologyPage)
  }

  /* A scope in words: "Classic machine learning and Generative AI features"; null: the default, said so. */
  function scopeLabel(model, scope) {
    const names = A().readerScope(model, scope).map(id => model.scopes.find(known => known.id === id).label)
    const chosen = Array.isArray(scope) && scope.some(id => model.scopes.some(known => known.id === id))
    return names.join(" and ") + (chosen ? "" : " (no scope chosen, so the default)")
  }

  /* meta: {label, role, shared, scope}; shared says the answers came from someone else's share link. */
  function renderMeta(root, model, meta) {
    const parts = []
    if (meta.shared) parts.push("Answers shared with you")
    if (meta.label) parts.push("Report for " + meta.label)
    if (meta.role) parts.push("answered as " + meta.role)
    parts.push("counted for " + scopeLabel(model, meta.scope || null))
    parts.push(longDate(new Date()))
    parts.push("MLOps Readiness Playbook v" + model.playbookVersion)
    root.querySelector("[data-mrp-meta]").textContent = parts.join(" · ")
  }

  /* Draw the whole report for answers; meta.scope is the reader's scope (null: the default). */
  function render(root, model, answers, meta) {
    const scope = meta.scope || null
    renderMeta(root, model, meta)
    const level = renderVerdict(root, model, answers, scope, Boolean(meta.shared))
    renderScores(root, model, answers, scope)
    renderGating(root, model, answers, scope)
    renderNextActions(root, model, answers, scope)
    if (MRP.actionPlan) MRP.actionPlan.render(root, model, answers, scope, { label: meta.label })
    renderTopology(root, level)
    root.querySelector("[data-mrp-body]").hidden = false
  }

  return { render, renderMeta, itemTitle, answerLabel, notKeptReason, scopeLabel }
})()

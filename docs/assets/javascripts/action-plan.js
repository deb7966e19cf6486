/*
 * The action plan: every in-scope item answered Not yet or Partly (or left empty), the items holding back
 * the next verdict first, critical first within each group,
 * with the reader's owner, target date and evidence; downloadable as Markdown (for a decision
 * document) and as CSV (for an issue tracker's import). The files are made in the browser and never
 * uploaded. Reader text is hostile until proven otherwise: on the page it goes in as textContent, in
 * Markdown every punctuation mark is escaped, and in CSV a cell that a spreadsheet would run as a
 * formula is neutralised.
 */
window.MRP = window.MRP || {}

MRP.actionPlan = (function () {
  "use strict"

  const A = () => MRP.assessment
  const LABELS = { no: "Not yet", partly: "Partly", yes: "Yes", na: "Not applicable" }

  /* The plan as rows of plain data, in plan order. */
  function rows(model, answers, scope) {
    const where = {}
    for (const checklist of model.checklists) {
      for (const section of checklist.sections) {
        for (const item of section.items) where[item.id] = { item: item, checklist: checklist, section: section }
      }
    }
    return A().actionPlan(model, answers, scope).map(id => {
      const entry = Object.hasOwn(answers, id) && answers[id] && typeof answers[id] === "object" ? answers[id] : {}
      const place = where[id]
      return {
        id: id,
        title: place.item.title,
        statement: place.item.statement,
        why: place.item.why,
        done: place.item.done,
        checklist: place.checklist.title,
        checklistId: place.checklist.id,
        section: place.section.title,
        critical: place.item.critical,
        weight: place.item.weight,
        answer: LABELS[A().valueOf(answers[id])] + (entry.value ? "" : " (not answered)"),
        value: entry.value ? A().valueOf(answers[id]) : "open",
        note: entry.note || "",
        owner: entry.owner || "",
        due: entry.due || "",
        learnMore: place.item.learnMore
      }
    })
  }

  /* ---- Markdown: reader text can never become a link, an image, HTML or a new block ---- */

  function markdownText(text) {
    return String(text).replace(/[\r\n\t\u2028\u2029]+/g, " ").replace(/[!-/:-@[-`{-~]/g, "\\$&")
  }

  function toMarkdown(planRows, meta) {
    const lines = ["# " + markdownText("Readiness action plan" + (meta && meta.label ? ": " + meta.label : "")), ""]
    if (meta && meta.verdict) lines.push(markdownText("Verdict: " + meta.verdict), "")
    if (meta && meta.date) lines.push(markdownText("Made on " + meta.date + " with the MLOps Readiness Playbook" +
      (meta.version ? " v" + meta.version : "")), "")
    if (!planRows.length) lines.push(markdownText("Every item in scope is Yes or not applicable."), "")
    planRows.forEach((row, index) => {
      lines.push("## " + (index + 1) + "\\. " + markdownText(row.title) + (row.critical ? " \\(critical\\)" : ""), "")
      lines.push("- " + markdownText("Checklist: " + row.checklist + ", " + row.section))
      lines.push("- " + markdownText("Answer today: " + row.answer))
      lines.push("- " + markdownText("Owner: " + (row.owner || "not named yet")))
      lines.push("- " + markdownText("Target date: " + (row.due || "not set yet")))
      if (row.note) lines.push("- " + markdownText("Evidence: " + row.note))
      lines.push("- " + markdownText("Statement: " + row.statement))
      lines.push("- " + markdownText("Done looks like: " + row.done), "")
    })
    return lines.join("\n")
  }

  /* ---- CSV for issue trackers: title, description, labels, owner, due date ---- */

  function csvCell(value) {
    let text = String(value)
    // A spreadsheet runs a cell that starts with one of these as a formula: make it plain text.
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text
    return "\"" + text.replace(/"/g, "\"\"") + "\""
  }

  function toCsv(planRows) {
    const header = ["Title", "Description", "Labels", "Owner", "Due date"]
    const lines = [header.map(csvCell).join(",")]
    for (const row of planRows) {
      const description = [
        row.statement,
        "Why it matters: " + row.why,
        "Done looks like: " + row.done,
        "Answer today: " + row.answer
      ]
      if (row.note) description.push("Evidence: " + row.note)
      const labels = ["readiness", row.checklistId].concat(row.critical ? ["critical"] : [])
      lines.push([row.title, description.join("\n"), labels.join(","), row.owner, row.due].map(csvCell).join(","))
    }
    return lines.join("\r\n") + "\r\n"
  }

  function download(filename, text, type) {
    const link = document.createElement("a")
    link.href = URL.createObjectURL(new Blob([text], { type: type }))
    link.download = filename
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 1000)
  }

  /* ---- on the report page ---- */

  function container(root) {
    let box = root.querySelector("[data-mrp-plan]")
    if (box) return box
    // The report frame predates the plan: add its section after the next actions.
    const anchor = root.querySelector("[data-mrp-next-actions]")
    if (!anchor) return null
    box = document.createElement("section")
    box.dataset.mrpPlan = ""
    box.setAttribute("aria-labelledby", "action-plan")
    const heading = box.appendChild(document.createElement("h2"))
    heading.id = "action-plan"
    heading.textContent = "Action plan"
    anchor.after(box)
    return box
  }

  /* How many items of each checklist show before the reader asks for all of them. */
  const FIRST = 3

  /* One item: its title, critical badge and answer chip; owner, date and evidence only when set. */
  function renderItem(row) {
    const { element } = MRP.dom
    const entry = element("li", undefined, "mrp-plan__item")
    entry.dataset.mrpItem = row.id
    const title = entry.appendChild(element("p", undefined, "mrp-plan__title"))
    title.appendChild(element("strong", row.title))
    if (row.critical) title.appendChild(element("span", "critical", "mrp-badge"))
    title.appendChild(document.createTextNode(" "))
    title.appendChild(element("span", row.value === "open" ? "Not answered" : row.answer, "mrp-chip mrp-chip--" + row.value))
    if (row.owner || row.due) {
      const facts = entry.appendChild(element("p", undefined, "mrp-plan__facts"))
      if (row.owner) facts.appendChild(element("span", "Owner: " + row.owner, "mrp-plan__owner"))
      if (row.owner && row.due) facts.appendChild(document.createTextNode(" \u00b7 "))
      if (row.due) facts.appendChild(element("span", "Target date: " + row.due, "mrp-plan__due"))
    }
    if (row.note) entry.appendChild(element("p", "Evidence: " + row.note, "mrp-plan__note"))
    return entry
  }

  /* Copy the plan as Markdown; a browser that refuses says so, and the downloads still work. */
  function copyPlan(text, status) {
    const done = () => { status.textContent = "Copied the plan as Markdown. Paste it into a document or a ticket." }
    const failed = () => { status.textContent = "This browser did not allow copying. Download the plan as Markdown instead." }
    try {
      navigator.clipboard.writeText(text).then(done, failed)
    } catch (error) {
      failed()
    }
  }

  /* The plan on the report: grouped by checklist, the checklists holding back the next verdict first
   * and the others in the order readers take them; critical items first in each group, the first few
   * items of each group shown and the rest one button away. */
  function render(root, model, answers, scope, meta) {
    const box = container(root)
    if (!box) return
    const { element } = MRP.dom
    const planRows = rows(model, answers, scope)
    for (const old of box.querySelectorAll(":scope > :not(h2)")) old.remove()
    const critical = planRows.filter(row => row.critical).length
    box.appendChild(element("p", planRows.length
      ? planRows.length + (planRows.length === 1 ? " item is" : " items are") + " not Yes yet" +
        (critical ? ", " + critical + " of them critical" : "") + ". Critical items come first in each checklist. " +
        "Add owners, dates and evidence on the checklist pages."
      : "Every item in scope is Yes or not applicable.", "mrp-plan__summary"))
    const stamp = new Date().toISOString().slice(0, 10)
    const level = A().verdict(model, answers, scope)
    const info = Object.assign({ verdict: level.title, date: stamp, version: model.playbookVersion }, meta || {})
    const groups = box.appendChild(element("div", undefined, "mrp-plan__groups"))
    let hiddenCount = 0
    const gate = MRP.scoring.gateChecklists(model, answers, scope)
    const inPlanOrder = model.checklists.filter(checklist => gate.includes(checklist.id))
      .concat(model.checklists.filter(checklist => !gate.includes(checklist.id)))
    for (const checklist of inPlanOrder) {
      const own = planRows.filter(row => row.checklistId === checklist.id)
      if (!own.length) continue
      const group = groups.appendChild(element("section", undefined, "mrp-plan__group"))
      const count = own.filter(row => row.critical).length
      group.appendChild(element("h3", checklist.title, "mrp-plan__checklist"))
      group.appendChild(element("p", own.length + (own.length === 1 ? " item" : " items") +
        (count ? ", " + count + " critical" : ""), "mrp-plan__count"))
      const list = group.appendChild(element("ol", undefined, "mrp-plan"))
      own.forEach((row, index) => {
        const entry = list.appendChild(renderItem(row))
        if (index >= FIRST) {
          entry.classList.add("mrp-plan__item--more")
          hiddenCount += 1
        }
      })
    }
    const buttons = box.appendChild(element("p", undefined, "mrp-buttons"))
    if (hiddenCount) {
      const more = buttons.appendChild(element("button", "Show all " + planRows.length + " items", "md-button md-button--primary"))
      more.type = "button"
      more.setAttribute("aria-expanded", "false")
      more.dataset.mrpPlanMore = ""
      more.addEventListener("click", () => {
        const open = !box.classList.contains("mrp-plan--all")
        box.classList.toggle("mrp-plan--all", open)
        more.setAttribute("aria-expanded", String(open))
        more.textContent = open ? "Show the first " + FIRST + " of each checklist" : "Show all " + planRows.length + " items"
      })
    }
    const status = element("p", undefined, "mrp-plan__status")
    status.setAttribute("role", "status")
    const copy = buttons.appendChild(element("button", "Copy the plan", "md-button"))
    copy.type = "button"
    copy.dataset.mrpPlanCopy = ""
    copy.addEventListener("click", () => copyPlan(toMarkdown(planRows, info), status))
    const markdown = buttons.appendChild(element("button", "Download the plan as Markdown", "md-button"))
    markdown.type = "button"
    markdown.addEventListener("click", () =>
      download("mlops-readiness-plan-" + stamp + ".md", toMarkdown(planRows, info), "text/markdown"))
    const csv = buttons.appendChild(element("button", "Download the plan as CSV", "md-button"))
    csv.type = "button"
    csv.addEventListener("click", () => download("mlops-readiness-plan-" + stamp + ".csv", toCsv(planRows), "text/csv"))
    box.appendChild(status)
  }

  return { rows, toMarkdown, toCsv, markdownText, csvCell, render }
})()

/*
 * The team view: loads several exported answer files, validates each, and shows per item how many
 * people said yes, no or not applicable, where they disagree, and the team's combined readiness.
 * The counting rules are MRP.assessment.teamSummary, mirrored by team_summary in Python.
 */
window.MRP = window.MRP || {}

MRP.teamView = (function () {
  "use strict"

  const A = () => MRP.assessment
  const TEAM_FORMAT = "mlops-readiness-playbook/team"

  const { element } = MRP.dom

  function render(root, model, people) {
    const result = root.querySelector("[data-mrp-team-result]")
    if (people.length < 2) {
      result.hidden = true
      return null
    }
    const summary = A().teamSummary(model, people.map(person => person.answers))
    const level = model.levels.find(candidate => candidate.id === summary.verdict)
    const verdictBox = root.querySelector("[data-mrp-team-verdict]")
    verdictBox.replaceChildren(
      element("p", level.title, "mrp-verdict__title"),
      element("p", level.summary),
      element("p", "Worked out from the team answer to each item: the answer most people gave, with ties going to the cautious side. " +
        summary.respondents + " people took part."))
    verdictBox.dataset.level = level.id

    const disagreements = root.querySelector("[data-mrp-team-disagreements]")
    disagreements.replaceChildren()
    const split = []
    for (const checklist of model.checklists) {
      for (const section of checklist.sections) {
        for (const item of section.items) if (summary.items[item.id].disagreement) split.push(item)
      }
    }
    if (!split.length) disagreements.appendChild(element("p", "Everyone gave the same answer to every item."))
    else {
      disagreements.appendChild(element("p", split.length + " items got different answers. Each is a conversation worth having: ask for the evidence behind each answer."))
      const list = disagreements.appendChild(element("ul"))
      for (const item of split) {
        const counts = summary.items[item.id]
        const entry = list.appendChild(element("li"))
        entry.dataset.item = item.id
        entry.appendChild(element("strong", item.title))
        entry.appendChild(element("span", ": " + counts.yes + " yes, " + counts.no + " no, " + counts.na + " not applicable"))
      }
    }

    const rows = []
    for (const checklist of model.checklists) {
      for (const section of checklist.sections) {
        for (const item of section.items) {
          const counts = summary.items[item.id]
          rows.push([item.title, String(counts.yes), String(counts.no), String(counts.na),
            counts.disagreement ? "Yes" : "No", counts.majority === "na" ? "not applicable" : counts.majority])
        }
      }
    }
    root.querySelector("[data-mrp-team-table]").replaceChildren(MRP.charts.table(
      "Answers per item from " + people.map(person => person.name).join(", "),
      ["Item", "Yes", "No", "Not applicable", "Disagreement", "Team answer"], rows))
    result.hidden = false
    return summary
  }

  function mount(root) {
    if (root.dataset.mrpMounted) return
    root.dataset.mrpMounted = "true"
    const model = A().readModel(document)
    if (!model) return
    root.querySelector("[data-mrp-static]").hidden = true
    root.querySelector("[data-mrp-team-tools]").hidden = false
    const status = root.querySelector("[data-mrp-team-status]")
    let people = []
    let summary = null

    root.querySelector("[data-mrp-team-files]").addEventListener("change", event => {
      const files = Array.from(event.target.files || [])
      event.target.value = ""
      Promise.all(files.map(file => file.size > A().MAX_FILE_BYTES
        ? Promise.resolve({ file, parsed: { errors: ["it is too large to be an answers file"] } })
        : file.text().then(text => ({ file, parsed: A().parseDocument(model, text) }),
          () => ({ file, parsed: { errors: ["it could not be read"] } }))))
        .then(results => {
          const messages = []
          for (const { file, parsed } of results) {
            const fingerprint = parsed.errors.length ? null : JSON.stringify([parsed.label, parsed.answers])
            if (parsed.errors.length) messages.push("Skipped " + file.name + ": " + parsed.errors.join(" "))
            else if (people.some(person => person.fingerprint === fingerprint)) {
              messages.push("Skipped " + file.name + ": the same answers are already loaded, and counting them twice would skew the team answer.")
            } else people.push({ name: parsed.label || file.name, answers: parsed.answers, fingerprint: fingerprint })
          }
          messages.unshift(people.length + " answer files loaded" + (people.length < 2 ? "; load at least two to compare." : "."))
          status.replaceChildren(...messages.map(message => element("p", message)))
          summary = render(root, model, people)
        })
    })
    root.querySelector("[data-mrp-team-clear]").addEventListener("click", () => {
      people = []
      summary = render(root, model, people)
      status.textContent = "All files removed."
    })
    root.querySelector("[data-mrp-team-print]").addEventListener("click", () => window.print())
    root.querySelector("[data-mrp-team-export]").addEventListener("click", () => {
      if (!summary) return
      const exported = {
        format: TEAM_FORMAT,
        schema: model.schemaVersion,
        playbookVersion: model.playbookVersion,
        exportedAt: new Date().toISOString(),
        respondents: people.map(person => person.name),
        verdict: summary.verdict,
        items: summary.items,
        answers: summary.answers
      }
      MRP.dom.downloadJson("mlops-readiness-team-" + exported.exportedAt.slice(0, 10) + ".json", exported)
    })
  }

  function mountAll() {
    for (const root of document.querySelectorAll("[data-mrp-team]")) mount(root)
  }

  return { mountAll }
})()

/*
 * The team view: loads several exported answer files, validates each, and shows per item how many
 * people said Yes, Partly, Not yet or Not applicable, where they disagree (and how far apart), what
 * evidence and owners they wrote (always as text), and the team's combined readiness over the scopes
 * the files chose. The counting rules are MRP.scoring.teamSummary, mirrored by team_summary in Python.
 */
window.MRP = window.MRP || {}

MRP.teamView = (function () {
  "use strict"

  const A = () => MRP.assessment
  const S = () => MRP.scoring
  const TEAM_FORMAT = "mlops-readiness-playbook/team"

  const { element } = MRP.dom
  // The scale's values in the order the team view counts them.
  const VALUES = ["yes", "partly", "no", "na"]

  /* The scale's own words ("Not yet", "Partly", ...) for a value. */
  function labelOf(model, value) {
    const step = model.scale.find(candidate => candidate.value === value)
    return step ? step.label : value
  }

  /* "3 Yes, 1 Partly, 0 Not yet, 0 Not applicable": every answer counted, Partly included. */
  function countsText(model, counts) {
    return VALUES.map(value => counts[value] + " " + labelOf(model, value)).join(", ")
  }

  /* The team's scope: every scope any person chose (a person who never chose has the default). */
  function teamScope(model, people) {
    const chosen = new Set()
    for (const person of people) for (const id of A().readerScope(model, person.scope)) chosen.add(id)
    return model.scopes.map(scope => scope.id).filter(id => chosen.has(id))
  }

  /* How far apart the answers are: Yes against Not yet is wide, a step to or from Partly is close. */
  function spread(counts) {
    const given = ["no", "partly", "yes"].filter(value => counts[value] > 0)
    if (counts.yes && counts.no) return "wide"
    return given.length > 1 ? "close" : "applicability"
  }

  const SPREAD = {
    wide: "Some say Yes and some Not yet.",
    close: "Close: the answers are one step apart, through Partly.",
    applicability: "Some say it does not apply to you."
  }

  /* What a person wrote beside an answer (evidence, owner, date), appended to `into` as text only:
   * `lead` comes before the evidence; the owner and date go in a span of `dutyClass` when given. */
  function appendWritten(into, entry, lead, dutyClass) {
    if (entry && entry.note) {
      into.appendChild(document.createTextNode(lead + "Evidence: "))
      into.appendChild(element("q", entry.note, "mrp-team__note"))
    }
    const duty = []
    if (entry && entry.owner) duty.push("owner " + entry.owner)
    if (entry && entry.due) duty.push("due " + entry.due)
    if (!duty.length) return
    const text = " (" + duty.join(", ") + ")"
    into.appendChild(dutyClass ? element("span", text, dutyClass) : document.createTextNode(text))
  }

  /* Each person's answer to one item, with the evidence and owner they wrote, as text only. */
  function personLines(model, people, itemId) {
    const list = element("ul", undefined, "mrp-team__people")
    for (const person of people) {
      const entry = Object.hasOwn(person.answers, itemId) ? person.answers[itemId] : null
      const line = list.appendChild(element("li"))
      line.appendChild(element("strong", person.name))
      line.appendChild(document.createTextNode(": " + labelOf(model, A().valueOf(entry)) + (entry ? "" : " (no answer)")))
      appendWritten(line, entry, ". ")
    }
    return list
  }

  /* One person's answer as a chip of the answer's colour and mark, with what they wrote, as text. */
  function answerCell(model, entry) {
    const cell = element("td")
    const value = A().valueOf(entry)
    cell.appendChild(element("span", entry ? labelOf(model, value) : labelOf(model, value) + " (no answer)",
      "mrp-chip mrp-chip--" + (entry ? value : "open")))
    appendWritten(cell, entry, " ", "mrp-team__duty")
    return cell
  }

  /* The disagreements as a grid: one row per item, the team answer, then one column per person. On a
   * phone each row becomes a card (CSS), each answer labelled with its person's name. */
  function disagreementGrid(model, people, summary, split) {
    const table = element("table", undefined, "mrp-team__grid")
    table.appendChild(element("caption", "Answers where the team disagrees, widest gaps first"))
    const head = table.appendChild(element("thead")).appendChild(element("tr"))
    for (const name of ["Item", "Team answer"].concat(people.map(person => person.name))) {
      const cell = head.appendChild(element("th", name))
      cell.scope = "col"
    }
    const body = table.appendChild(element("tbody"))
    for (const item of split) {
      const counts = summary.items[item.id]
      const row = body.appendChild(element("tr"))
      row.dataset.mrpItem = item.id
      row.dataset.mrpSpread = spread(counts)
      const title = row.appendChild(element("th"))
      title.scope = "row"
      title.appendChild(element("strong", item.title))
      title.appendChild(element("span", countsText(model, counts) + ". " + SPREAD[spread(counts)], "mrp-team__counts"))
      const team = row.appendChild(element("td", undefined, "mrp-team__answer"))
      team.dataset.label = "Team answer"
      team.appendChild(element("span", labelOf(model, counts.majority), "mrp-chip mrp-chip--" + counts.majority))
      for (const person of people) {
        const cell = row.appendChild(answerCell(model, Object.hasOwn(person.answers, item.id) ? person.answers[item.id] : null))
        cell.dataset.label = person.name
      }
    }
    const scroll = element("div", undefined, "mrp-scroll mrp-team__grid-box")
    scroll.setAttribute("role", "region")
    scroll.setAttribute("aria-label", "Answers where the team disagrees")
    scroll.tabIndex = 0
    scroll.appendChild(table)
    return scroll
  }

  function renderVerdict(root, model, summary, scope) {
    const level = model.levels.find(candidate => candidate.id === summary.verdict)
    const verdictBox = root.querySelector("[data-mrp-team-verdict]")
    const scopeNames = scope.map(id => model.scopes.find(known => known.id === id).label)
    verdictBox.replaceChildren(
      element("p", level.title, "mrp-verdict__title"),
      element("p", level.summary),
      element("p", "Worked out by the report's own rules from the team answer to each item: the answer most people " +
        "gave, with ties going to the cautious side (Not yet, then Partly, then Not applicable). " +
        summary.respondents + " people took part."),
      element("p", "Counted for: " + scopeNames.join(" and ") + ". That is every scope the loaded files chose; " +
        "a checklist outside it is not counted."))
    verdictBox.dataset.mrpLevel = level.id
    verdictBox.dataset.mrpVerdictScope = scope.join(" ")
  }

  function renderDisagreements(root, model, people, summary, scope) {
    const box = root.querySelector("[data-mrp-team-disagreements]")
    box.replaceChildren()
    const split = []
    let outside = 0
    for (const checklist of model.checklists) {
      const counted = A().inScope(checklist, scope)
      for (const section of checklist.sections) {
        for (const item of section.items) {
          if (!summary.items[item.id].disagreement) continue
          if (counted) split.push(item)
          else outside += 1
        }
      }
    }
    // Yes against Not yet first: those gaps change the verdict most.
    const order = { wide: 0, close: 1, applicability: 2 }
    split.sort((a, b) => order[spread(summary.items[a.id])] - order[spread(summary.items[b.id])])
    if (!split.length) box.appendChild(element("p", "Everyone gave the same answer to every item in the team's scope."))
    else {
      box.appendChild(element("p", split.length + " items got different answers, widest gaps first. Each is a " +
        "conversation worth having: ask for the evidence behind each answer."))
      box.appendChild(disagreementGrid(model, people, summary, split))
    }
    if (outside) {
      box.appendChild(element("p", outside + " more items outside the team's scope got different answers; " +
        "they are in the table below."))
    }
  }

  /* Every item where someone wrote evidence, an owner or a date, with what each person wrote. */
  function renderNotes(root, model, people) {
    const box = root.querySelector("[data-mrp-team-notes]")
    if (!box) return
    box.replaceChildren()
    const noted = S().allItems(model).filter(item => people.some(person => {
      const entry = person.answers[item.id]
      return Object.hasOwn(person.answers, item.id) && entry && (entry.note || entry.owner || entry.due)
    }))
    if (!noted.length) {
      box.appendChild(element("p", "Nobody wrote evidence, an owner or a date in the loaded files."))
      return
    }
    const list = box.appendChild(element("ul", undefined, "mrp-team__notes"))
    for (const item of noted) {
      const entry = list.appendChild(element("li"))
      entry.dataset.mrpItem = item.id
      entry.appendChild(element("strong", item.title))
      entry.appendChild(personLines(model, people, item.id))
    }
  }

  function render(root, model, people) {
    const result = root.querySelector("[data-mrp-team-result]")
    if (people.length < 2) {
      result.hidden = true
      return null
    }
    const scope = teamScope(model, people)
    const summary = A().teamSummary(model, people.map(person => person.answers), scope)
    summary.scope = scope
    renderVerdict(root, model, summary, scope)
    renderDisagreements(root, model, people, summary, scope)
    renderNotes(root, model, people)

    const rows = []
    for (const checklist of model.checklists) {
      const counted = A().inScope(checklist, scope)
      for (const section of checklist.sections) {
        for (const item of section.items) {
          const counts = summary.items[item.id]
          // The answer first, then whether people split, then the counts: on a phone the two that
          // matter sit next to the item, not past the right edge.
          rows.push([item.title, counted ? labelOf(model, counts.majority) : "Not counted: outside the team's scope",
            counts.disagreement ? "Yes" : "No"].concat(VALUES.map(value => String(counts[value]))))
        }
      }
    }
    const table = MRP.charts.table(
      "Answers per item from " + people.map(person => person.name).join(", "),
      ["Item", "Team answer", "Disagreement"].concat(VALUES.map(value => labelOf(model, value))), rows)
    // Seven columns are wider than a phone: the site's scroll box, reachable by keyboard, named by the caption.
    table.className = "mrp-team__table"
    table.caption.id = "mrp-team-table-caption"
    const scroll = element("div", undefined, "mrp-scroll")
    scroll.setAttribute("role", "region")
    scroll.setAttribute("aria-labelledby", table.caption.id)
    scroll.tabIndex = 0
    scroll.appendChild(table)
    root.querySelector("[data-mrp-team-table]").replaceChildren(scroll)
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
    let messages = []
    let questions = []

    function showStatus() {
      const count = people.length + " answer files loaded" + (people.length < 2 ? "; load at least two to compare." : ".")
      const line = element("p", count)
      line.tabIndex = -1
      status.replaceChildren(line, ...messages.map(message => element("p", message)),
        ...questions.map(askAbout))
    }

    /* A file with the same name and answers as one already loaded, but not the same file: the reader decides. */
    function askAbout(question, index) {
      const box = element("div", undefined, "mrp-team__question")
      const text = box.appendChild(element("p", question.person.file + " has the same name, " + question.person.name +
        ", and the same answers as " + question.twin.file + ", but it is a different file. Is it another person's " +
        "answers, or the same person's file loaded twice?"))
      text.id = "mrp-team-question-" + index
      const buttons = box.appendChild(element("p", undefined, "mrp-buttons"))
      const choices = [["Count both", true], ["Leave it out", false]]
      for (const [label, count] of choices) {
        const button = buttons.appendChild(element("button", label, "md-button"))
        button.type = "button"
        button.setAttribute("aria-describedby", text.id)
        button.addEventListener("click", () => {
          questions = questions.filter(other => other !== question)
          if (count) people.push(question.person)
          messages = [count ? "Counted " + question.person.file + " as another person."
            : "Left out " + question.person.file + "."]
          showStatus()
          draw()
          status.querySelector("p").focus()
        })
      }
      return box
    }

    /*
     * Each person's name as the team view shows it: the file's label, or its file name when it has none.
     * When labels repeat, the role is added, then the file name, then a number, until every name differs.
     */
    function tellApart(list) {
      const count = names => names.reduce((counts, name) => counts.set(name, (counts.get(name) || 0) + 1), new Map())
      let names = list.map(person => person.label)
      const steps = [
        (person, name) => (person.role ? name + ", " + person.role : name),
        (person, name) => (person.label === person.file ? name : name + " (" + person.file + ")"),
        (person, name, index) => name + " #" + (index + 1)
      ]
      for (const step of steps) {
        const counts = count(names)
        names = names.map((name, index) => (counts.get(name) > 1 ? step(list[index], name, index) : name))
      }
      list.forEach((person, index) => { person.name = names[index] })
    }

    function draw() {
      tellApart(people)
      summary = render(root, model, people)
    }

    function sameAnswers(first, second) {
      const change = A().diff(first, second)
      return !change.added.length && !change.changed.length && !change.removed.length
    }

    function add(file, text, parsed) {
      if (parsed.errors.length) return messages.push("Skipped " + file.name + ": " + parsed.errors.join(" "))
      const label = parsed.label || file.name
      const person = { name: label, label: label, role: parsed.role, file: file.name, text: text, answers: parsed.answers, scope: parsed.scope }
      // Only the same content under the same name is surely the same file loaded twice.
      if (people.some(other => other.label === person.label && other.text === text)) {
        return messages.push("Skipped " + file.name + ": the same file, with the same name and answers, is already " +
          "loaded, and counting it twice would skew the team answer.")
      }
      const twin = people.concat(questions.map(question => question.person))
        .find(other => other.label === person.label && sameAnswers(other.answers, person.answers))
      if (twin) questions.push({ person: person, twin: twin })
      else people.push(person)
    }

    root.querySelector("[data-mrp-team-files]").addEventListener("change", event => {
      const files = Array.from(event.target.files || [])
      event.target.value = ""
      Promise.all(files.map(file => file.size > A().MAX_FILE_BYTES
        ? Promise.resolve({ file, text: null, parsed: { errors: ["it is too large to be an answers file"] } })
        : file.text().then(text => ({ file, text, parsed: A().parseDocument(model, text) }),
          () => ({ file, text: null, parsed: { errors: ["it could not be read"] } }))))
        .then(results => {
          messages = []
          for (const { file, text, parsed } of results) add(file, text, parsed)
          showStatus()
          draw()
        })
    })
    root.querySelector("[data-mrp-team-clear]").addEventListener("click", () => {
      people = []
      questions = []
      messages = []
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
        scope: summary.scope,
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

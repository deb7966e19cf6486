/*
 * The report's milestones: dated snapshots of the reader's own answers, kept under their own key,
 * shown as a trend chart and a table, each comparable with the current answers.
 *
 * mount(root, model, page) takes the report page's interface (see report.js): page.ownAnswers()
 * and page.isShared(). It returns {render}. While a share link is shown, saving is disabled with a
 * sentence that says why: a milestone is a snapshot of the reader's own answers.
 */
window.MRP = window.MRP || {}

MRP.reportMilestones = (function () {
  "use strict"

  const A = () => MRP.assessment
  const V = () => MRP.reportView
  const { element, percent, longDate } = MRP.dom

  function mount(root, model, page) {
    const list = root.querySelector("[data-mrp-milestones]")
    const trend = root.querySelector("[data-mrp-trend]")
    const nameInput = root.querySelector("[data-mrp-milestone-name]")
    const saveButton = root.querySelector("[data-mrp-milestone-save]")
    const why = root.querySelector("[data-mrp-milestone-why]")
    const status = root.querySelector("[data-mrp-tool-status]")

    function render() {
      const shared = page.isShared()
      saveButton.disabled = shared
      nameInput.disabled = shared
      if (why) why.hidden = !shared
      const { milestones } = A().loadMilestones(model)
      list.replaceChildren()
      trend.replaceChildren()
      if (!milestones.length) {
        list.appendChild(element("p", "No milestones yet."))
        return
      }
      const own = page.ownAnswers()
      const snapshots = milestones.concat([{ name: "Now", savedAt: new Date().toISOString(), answers: own, current: true }])
      const series = model.checklists.map(checklist => ({
        label: checklist.title,
        values: snapshots.map(snapshot => A().scoreChecklist(checklist, snapshot.answers).score)
      }))
      trend.appendChild(MRP.charts.trend(snapshots.map(snapshot => snapshot.name.slice(0, 14)), series,
        "Scores over time", "One line per checklist, from the oldest milestone to your current answers. The table below lists the same scores."))
      const rows = snapshots.map((snapshot, index) => {
        const cells = [snapshot.name, snapshot.current ? "your current answers" : longDate(new Date(snapshot.savedAt))]
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
          remove.addEventListener("click", () => deleteMilestone(snapshot))
        }
        cells.push(actions)
        return cells
      })
      list.appendChild(MRP.charts.table("Milestones", ["Milestone", "Saved"].concat(model.checklists.map(c => c.title), ["Verdict", "Actions"]), rows))
      list.appendChild(element("div", undefined, "mrp-comparison")).dataset.mrpComparison = ""
    }

    function deleteMilestone(snapshot) {
      const result = A().updateMilestones(model, milestones =>
        milestones.filter(other => other.savedAt !== snapshot.savedAt || other.name !== snapshot.name))
      status.textContent = result.kept
        ? "Milestone \u201c" + snapshot.name + "\u201d deleted."
        : "The milestone could not be deleted: " + V().notKeptReason(result.status, "your saved milestones") + "."
      render()
    }

    function showComparison(snapshot) {
      const own = page.ownAnswers()
      const change = A().diff(snapshot.answers, own)
      const box = list.querySelector("[data-mrp-comparison]")
      box.replaceChildren(element("h4", "Since \u201c" + snapshot.name + "\u201d"))
      const ids = change.added.concat(change.changed, change.removed).filter(id => V().itemTitle(model, id) !== null)
      if (!ids.length) box.appendChild(element("p", "No answer has changed."))
      const ul = box.appendChild(element("ul"))
      for (const id of ids) {
        ul.appendChild(element("li", V().itemTitle(model, id) + ": " + V().answerLabel(snapshot.answers[id]) + " \u2192 " + V().answerLabel(own[id])))
      }
      box.tabIndex = -1
      box.focus()
    }

    saveButton.addEventListener("click", () => {
      if (page.isShared()) return
      const answers = Object.assign({}, page.ownAnswers())
      let name = ""
      const result = A().updateMilestones(model, milestones => {
        name = (nameInput.value.trim() || "Milestone " + (milestones.length + 1)).slice(0, 80)
        return milestones.concat([{ name: name, savedAt: new Date().toISOString(), answers: answers }])
      })
      status.textContent = result.kept
        ? "Milestone \u201c" + name + "\u201d saved."
        : "The milestone could not be saved: " + V().notKeptReason(result.status, "your saved milestones") + "."
      nameInput.value = ""
      render()
    })

    return { render }
  }

  return { mount }
})()

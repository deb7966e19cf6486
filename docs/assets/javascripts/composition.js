/*
 * Team composition check: the reader ticks the roles in their team; the page lists the lifecycle
 * stages nobody is responsible or accountable for, and the team type the roles resemble most.
 * The rules mirror macros/teams/composition.py (uncovered_stages, resembles). Without JavaScript the form
 * stays hidden and the static responsibility matrix on the page answers the same question.
 */
window.MRP = window.MRP || {}

MRP.composition = (function () {
  "use strict"

  function readModel(root) {
    const element = root.querySelector("[data-mrp-composition-model]")
    if (!element) return null
    try {
      return JSON.parse(element.dataset.mrpCompositionModel)
    } catch (error) {
      return null
    }
  }

  /* Stage ids for which none of the given roles has an R or an A. */
  function uncovered(model, roleIds) {
    const present = model.roles.filter(role => roleIds.includes(role.id))
    return model.stages
      .filter(stage => !present.some(role => role.raci[stage.id] === "R" || role.raci[stage.id] === "A"))
      .map(stage => stage.id)
  }

  /* The team type whose members overlap most with the roles (shared / union); the first wins a tie. */
  function resembles(model, roleIds) {
    const known = new Set(model.roles.map(role => role.id))
    const chosen = new Set(roleIds.filter(id => known.has(id)))
    if (chosen.size === 0) return null
    let best = null
    let bestShared = 0
    let bestUnion = 1
    for (const team of model.teamTypes) {
      const members = new Set(team.members)
      const shared = [...chosen].filter(id => members.has(id)).length
      const union = new Set([...chosen, ...members]).size
      if (shared * bestUnion > bestShared * union) {
        best = team.id
        bestShared = shared
        bestUnion = union
      }
    }
    return best
  }

  function coveredBy(model, roleIds, stageId) {
    return model.roles
      .filter(role => roleIds.includes(role.id) && (role.raci[stageId] === "R" || role.raci[stageId] === "A"))
      .map(role => role.name + " (" + role.raci[stageId] + ")")
  }

  function render(widget, model) {
    const form = widget.querySelector("[data-mrp-composition-form]")
    const roleIds = [...form.querySelectorAll("input[name=role]:checked")].map(input => input.value)
    const gaps = uncovered(model, roleIds)
    const result = widget.querySelector("[data-mrp-composition-result]")
    result.dataset.mrpUncovered = gaps.join(" ")
    for (const item of widget.querySelectorAll("[data-mrp-stages] [data-mrp-stage]")) {
      const gap = gaps.includes(item.dataset.mrpStage)
      item.classList.toggle("mrp-composition__gap", gap)
      item.querySelector(".mrp-composition__mark").textContent = gap ? "✗" : "✓"
      item.querySelector("[data-mrp-stage-state]").textContent = gap
        ? "nobody is responsible or accountable"
        : "covered by " + coveredBy(model, roleIds, item.dataset.mrpStage).join(", ")
    }
    // Nothing ticked yet: a neutral prompt, not a list of every stage as a gap.
    const state = roleIds.length === 0 ? "empty" : gaps.length === 0 ? "covered" : "gaps"
    result.dataset.mrpState = state
    widget.querySelector("[data-mrp-stages]").hidden = state === "empty"
    const summary = widget.querySelector("[data-mrp-uncovered-summary]")
    summary.textContent = state === "empty"
      ? "Tick the roles your team has. The check then shows which lifecycle stages nobody covers."
      : state === "covered"
        ? "\u2713 Every lifecycle stage has someone responsible or accountable in your team."
        : "\u2717 " + gaps.length + " of " + model.stages.length + " stages have nobody responsible or accountable in your team."
    const typeId = resembles(model, roleIds)
    const type = model.teamTypes.find(team => team.id === typeId)
    const line = widget.querySelector("[data-mrp-resembles]")
    line.dataset.mrpResembles = typeId || ""
    line.textContent = type ? "Your team most resembles: " + type.name + "." : ""
  }

  function mount(widget) {
    if (widget.dataset.mrpMounted) return
    const model = readModel(widget)
    if (!model) return
    widget.dataset.mrpMounted = "true"
    widget.querySelector("[data-mrp-composition-static]").hidden = true
    const form = widget.querySelector("[data-mrp-composition-form]")
    form.hidden = false
    form.addEventListener("change", () => render(widget, model))
    form.addEventListener("submit", event => event.preventDefault())
    render(widget, model)
  }

  function mountAll() {
    for (const widget of document.querySelectorAll("[data-mrp-composition]")) mount(widget)
  }

  return { mountAll, uncovered, resembles, readModel }
})()

/*
 * Interactive readiness checklists: restores saved answers into the form, re-scores on every change,
 * explains which missing foundations block which practices, and offers a reset that can be undone.
 * Without JavaScript the same form is a readable, printable list of statements.
 */
window.MRP = window.MRP || {}

MRP.checklist = (function () {
  "use strict"

  const NOTICES = {
    unavailable: "This browser is not keeping data for this site, so your answers will be lost when you " +
      "leave the page. Allow site data for this site to keep them.",
    corrupt: "Your saved answers could not be read, so this checklist starts empty. The unreadable copy " +
      "was kept in this browser's storage under the key ",
    newer: "Your answers were saved by a newer version of the playbook. This version shows them but " +
      "will not change them.",
    saveFailed: "Your last answer could not be saved: the browser's storage for this site is full or blocked."
  }

  const percent = value => MRP.dom.percent(value)

  function showNotice(form, text) {
    const notice = form.querySelector("[data-mrp-notice]")
    notice.textContent = text
    notice.hidden = false
  }

  function readForm(form, answers) {
    const next = Object.assign({}, answers)
    for (const item of form.querySelectorAll("[data-item]")) {
      const id = item.dataset.item
      const yes = item.querySelector("input[value=yes]")
      const na = item.querySelector("input[value=na]")
      delete next[id]
      if (na.checked) next[id] = "na"
      else if (yes.checked) next[id] = "yes"
    }
    return next
  }

  function writeForm(form, answers) {
    for (const item of form.querySelectorAll("[data-item]")) {
      const answer = answers[item.dataset.item]
      const yes = item.querySelector("input[value=yes]")
      const na = item.querySelector("input[value=na]")
      na.checked = answer === "na"
      yes.checked = answer === "yes"
      yes.disabled = na.checked
      item.classList.toggle("mrp-item--na", na.checked)
    }
  }

  function describe(checklist, result) {
    if (result.score === null) return checklist.title + ": every item is marked not applicable, so there is no score."
    let text = checklist.title + ": " + result.earned + " of " + result.possible + " points (" +
      percent(result.score) + "). "
    if (result.met) return text + "Met."
    text += "Not met yet: " + percent(checklist.passScore) + " needed"
    const missing = result.criticalMissing.length
    if (missing) text += ", and " + missing + " critical " + (missing === 1 ? "item is" : "items are") + " unticked"
    return text + "."
  }

  function render(form, model, checklist, answers) {
    const result = MRP.assessment.scoreChecklist(checklist, answers)
    const live = form.querySelector("[data-mrp-score-text]")
    live.textContent = describe(checklist, result)
    live.dataset.earned = result.earned
    live.dataset.possible = result.possible
    live.dataset.met = result.met
    for (const fieldset of form.querySelectorAll("[data-section]")) {
      const section = result.sections[fieldset.dataset.section]
      const line = fieldset.querySelector("[data-mrp-section-score]")
      line.textContent = section.score === null ? "Not applicable."
        : section.earned + " of " + section.possible + " points (" + percent(section.score) + ")"
      line.dataset.earned = section.earned
      line.dataset.possible = section.possible
    }
    renderGates(form, model, answers)
  }

  function renderGates(form, model, answers) {
    const gates = form.querySelector("[data-mrp-gates]")
    if (!gates) return
    const blocked = MRP.assessment.blockedItems(model, answers)
    let shown = 0
    for (const gate of gates.querySelectorAll("[data-mrp-gate]")) {
      const missing = blocked[gate.dataset.mrpGate] || []
      gate.hidden = missing.length === 0
      for (const requirement of gate.querySelectorAll("[data-mrp-requires]")) {
        requirement.classList.toggle("mrp-gates__met", !missing.includes(requirement.dataset.mrpRequires))
      }
      if (!gate.hidden) shown += 1
    }
    const title = gates.querySelector(".mrp-gates__title")
    title.textContent = shown
      ? "Blocked by missing foundations. These practices will not pay off until the items they build on are ticked:"
      : "Nothing here is blocked: every foundation these practices build on is in place or not applicable."
    gates.classList.toggle("mrp-gates--clear", shown === 0)
  }

  function mountReset(form, state, apply) {
    const actions = form.querySelector("[data-mrp-actions]")
    const reset = form.querySelector("[data-mrp-reset]")
    const confirm = form.querySelector("[data-mrp-confirm]")
    const undo = form.querySelector("[data-mrp-undo]")
    let previous = null
    actions.hidden = false
    reset.addEventListener("click", () => {
      confirm.hidden = false
      undo.hidden = true
      form.querySelector("[data-mrp-reset-confirm]").focus()
    })
    form.querySelector("[data-mrp-reset-cancel]").addEventListener("click", () => {
      confirm.hidden = true
      reset.focus()
    })
    form.querySelector("[data-mrp-reset-confirm]").addEventListener("click", () => {
      previous = state.answers
      const cleared = Object.assign({}, state.answers)
      for (const item of form.querySelectorAll("[data-item]")) delete cleared[item.dataset.item]
      confirm.hidden = true
      undo.hidden = false
      apply(cleared)
      form.querySelector("[data-mrp-undo-button]").focus()
    })
    form.querySelector("[data-mrp-undo-button]").addEventListener("click", () => {
      if (previous) apply(previous)
      previous = null
      undo.hidden = true
      reset.focus()
    })
  }

  function mount(form) {
    if (form.dataset.mrpMounted) return
    form.dataset.mrpMounted = "true"
    const model = MRP.assessment.readModel(document)
    const checklist = model && model.checklists.find(candidate => candidate.id === form.dataset.checklist)
    if (!checklist) return
    const loaded = MRP.assessment.load(model)
    const state = { answers: loaded.answers, writable: loaded.writable }
    if (loaded.status === "unavailable") showNotice(form, NOTICES.unavailable)
    if (loaded.status === "corrupt") showNotice(form, NOTICES.corrupt + (loaded.setAside || "(it could not be kept)") + ".")
    if (loaded.status === "newer") showNotice(form, NOTICES.newer)

    function apply(answers) {
      state.answers = answers
      writeForm(form, answers)
      render(form, model, checklist, answers)
      if (state.writable && !MRP.assessment.save(model, answers)) showNotice(form, NOTICES.saveFailed)
    }

    form.querySelector(".mrp-score__static").hidden = true
    form.querySelector("[data-mrp-score-text]").hidden = false
    for (const line of form.querySelectorAll("[data-mrp-section-score]")) line.hidden = false
    writeForm(form, state.answers)
    render(form, model, checklist, state.answers)
    form.addEventListener("change", event => {
      const input = event.target
      if (input.value === "na" && input.checked) input.closest("[data-item]").querySelector("input[value=yes]").checked = false
      // Another tab may have saved answers to other checklists since this page loaded: start from those.
      const fresh = MRP.assessment.load(model)
      if (fresh.status === "ok" || fresh.status === "empty") state.answers = fresh.answers
      apply(readForm(form, state.answers))
    })
    form.addEventListener("submit", event => event.preventDefault())
    if (state.writable || loaded.status === "unavailable") mountReset(form, state, apply)
  }

  function mountAll() {
    for (const form of document.querySelectorAll("form.mrp-checklist")) mount(form)
  }

  return { mountAll }
})()

/*
 * Interactive readiness checklists: restores saved answers, notes, owners and dates into the form,
 * re-scores on every change, shows progress, explains which missing foundations block which
 * practices, and offers a reset of this checklist only that can be undone. Also mounts the scope
 * choice (classic ML, generative AI or both). Without JavaScript the same form is a readable,
 * printable questionnaire, and the scoring sheet totals it by hand.
 */
window.MRP = window.MRP || {}

MRP.checklist = (function () {
  "use strict"

  const A = () => MRP.assessment
  const FIELDS = ["note", "owner", "due"]
  const NOTICES = {
    unavailable: "This browser is not keeping data for this site, so your answers will be lost when you " +
      "leave the page. Allow site data for this site to keep them.",
    corrupt: "Your saved answers could not be read, so this checklist starts empty. The unreadable copy " +
      "was kept in this browser's storage under the key ",
    "read-only": "Your saved answers are kept but read-only: this browser can read them, but its storage " +
      "for this site is full or refuses changes, so changes you make now will not be saved. Free some " +
      "space or allow site data for this site, then reload the page.",
    corruptStuck: "Your saved answers could not be read, and this browser's storage for this site is full " +
      "or refuses changes, so the unreadable copy could not be set aside: it stays where it is, untouched. " +
      "This checklist starts empty, and changes you make now will not be saved.",
    newer: "Your answers were saved by a newer version of the playbook. This version shows them but " +
      "will not change them.",
    unsaved: "Not saved yet: ",
    unsavedHow: ". These answers could not be saved because this browser's storage for this site is full or " +
      "blocked. They stay on this page, and your next change here saves them too once storage has room " +
      "again. To keep them now, export them to a file and import it on the readiness report later."
  }

  const percent = value => MRP.dom.percent(value)
  const points = value => String(Math.round(value * 100) / 100)

  function showNotice(root, text) {
    const notice = root.querySelector("[data-mrp-notice]")
    notice.textContent = text
    notice.hidden = false
  }

  const entryOf = (answers, id) => Object.hasOwn(answers, id) ? answers[id] : {}

  /* Put an item's evidence, owner and date into its fields, where a reader has opened them. */
  function writeFields(item, entry) {
    for (const field of item.querySelectorAll("[data-mrp-field]")) {
      const value = entry[field.dataset.mrpField] || ""
      if (field.value !== value) field.value = value
    }
  }

  /* Draw an item's evidence, owner and date fields, each after its label, from the template the page
   * keeps them in: the page loads lighter without them, and its labels already carry every word. */
  function drawFields(notes) {
    const template = notes.querySelector("template[data-mrp-fields]")
    if (!template) return false
    for (const field of Array.from(template.content.cloneNode(true).children)) {
      notes.querySelector("label[for='" + CSS.escape(field.id) + "']").after(field)
    }
    template.remove()
    return true
  }

  function writeForm(form, answers) {
    for (const item of form.querySelectorAll("[data-mrp-item]")) {
      const entry = entryOf(answers, item.dataset.mrpItem)
      for (const radio of item.querySelectorAll("input[type=radio]")) radio.checked = radio.value === entry.value
      writeFields(item, entry)
      const noted = FIELDS.some(field => entry[field])
      item.querySelector("[data-mrp-notes-flag]").textContent = noted ? " (filled in)" : ""
      item.classList.toggle("mrp-item--na", entry.value === "na")
      // A critical item counts against its checklist until it is Yes (not applicable takes it out).
      const blocking = item.querySelector("[data-mrp-blocking]")
      if (blocking) {
        blocking.hidden = entry.value === "yes" || entry.value === "na"
        item.classList.toggle("mrp-item--blocking", !blocking.hidden)
      }
    }
  }

  function describe(checklist, result, inScope) {
    const prefix = inScope ? "" : "Not in your scope, so it does not count toward your verdict. "
    if (result.score === null) return prefix + checklist.title + ": every item is marked not applicable, so there is no score."
    let text = prefix + checklist.title + ": " + points(result.earned) + " of " + result.possible + " points (" +
      percent(result.score) + "). "
    if (result.met) return text + "Met."
    text += "Not met yet: " + percent(checklist.passScore) + " needed"
    const missing = result.criticalMissing.length
    if (missing) text += ", and " + missing + " critical " + (missing === 1 ? "item is" : "items are") + " not Yes"
    return text + "."
  }

  function render(form, model, checklist, state) {
    const answers = state.answers
    const result = A().scoreChecklist(checklist, answers)
    const counted = A().readerScope(model, state.scope)
    const live = form.querySelector("[data-mrp-score-text]")
    live.textContent = describe(checklist, result, A().inScope(checklist, counted))
    live.dataset.mrpEarned = points(result.earned)
    live.dataset.mrpPossible = result.possible
    live.dataset.mrpMet = result.met
    renderSummary(form, checklist, result, A().inScope(checklist, counted))
    for (const card of form.querySelectorAll("[data-mrp-section]")) {
      const section = result.sections[card.dataset.mrpSection]
      const line = card.querySelector("[data-mrp-section-score]")
      line.textContent = section.score === null ? "Section not applicable"
        : "Section score " + percent(section.score) + " \u00b7 " + points(section.earned) + " of " + section.possible + " points"
      // The bar behind the line is drawn by CSS from this share: no element of its own.
      line.style.setProperty("--mrp-share", section.score === null ? 0 : section.score)
      line.dataset.mrpEarned = points(section.earned)
      line.dataset.mrpPossible = section.possible
    }
    const ids = checklist.sections.flatMap(section => section.items.map(item => item.id))
    const answered = ids.filter(id => Object.hasOwn(answers, id) && answers[id].value).length
    const progress = form.querySelector("[data-mrp-progress]")
    progress.querySelector("[data-mrp-progress-text]").textContent = answered + " of " + ids.length + " answered"
    progress.querySelector("progress").value = answered
    progress.dataset.mrpAnswered = answered
    renderGates(form, model, answers, counted)
  }

  /* The checklist's score at a glance: a large figure and its status in words (the sentence under it
   * says the same for screen readers, so this pair is hidden from them). */
  function renderSummary(form, checklist, result, inScope) {
    const summary = form.querySelector("[data-mrp-score-summary]")
    const missing = result.criticalMissing.length
    let status = result.score === null ? "No score" : result.met ? "\u2713 Met" : "\u2717 Not met yet"
    if (result.score !== null) status += " \u00b7 " + percent(checklist.passScore) + " needed"
    if (missing) status += " \u00b7 " + missing + " critical " + (missing === 1 ? "item" : "items") + " not Yes"
    if (!inScope) status += " \u00b7 not in your scope"
    summary.querySelector("[data-mrp-score-figure]").textContent = percent(result.score)
    summary.querySelector("[data-mrp-score-status]").textContent = status
    summary.dataset.mrpState = result.met ? "met" : result.score === null ? "none" : "unmet"
  }

  function renderGates(form, model, answers, counted) {
    const gates = form.querySelector("[data-mrp-gates]")
    if (!gates) return
    const blocked = A().blockedItems(model, answers, counted)
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
      ? "Blocked by missing foundations. These practices will not pay off until the items they build on are Yes:"
      : "Nothing here is blocked: every foundation these practices build on is in place or not applicable."
    gates.classList.toggle("mrp-gates--clear", shown === 0)
  }

  /* Set one field of one item's entry; an entry with nothing left in it is removed. */
  function setField(answers, id, field, value) {
    const entry = Object.assign({}, Object.hasOwn(answers, id) ? answers[id] : {})
    if (value) entry[field] = value
    else delete entry[field]
    if (Object.keys(entry).length) answers[id] = entry
    else delete answers[id]
  }

  function mountReset(form, ids, write) {
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
      // Only this checklist's items are cleared; answers to other checklists are never touched.
      // previous holds what the reset removed from the freshest stored record, nothing else.
      write(content => {
        previous = {}
        for (const id of ids) {
          if (Object.hasOwn(content.answers, id)) previous[id] = content.answers[id]
          delete content.answers[id]
        }
      })
      confirm.hidden = true
      undo.hidden = false
      form.querySelector("[data-mrp-undo-button]").focus()
    })
    form.querySelector("[data-mrp-undo-button]").addEventListener("click", () => {
      const restore = previous
      // Put back only items still empty: one answered since the reset (in any tab) is newer than this undo.
      if (restore) {
        write(content => {
          for (const id of Object.keys(restore)) if (!Object.hasOwn(content.answers, id)) content.answers[id] = restore[id]
        })
      }
      previous = null
      undo.hidden = true
      reset.focus()
    })
  }

  function mount(form) {
    if (form.dataset.mrpMounted) return
    form.dataset.mrpMounted = "true"
    const model = A().readModel()
    const checklist = model && model.checklists.find(candidate => candidate.id === form.dataset.mrpChecklist)
    if (!checklist) return
    const ids = checklist.sections.flatMap(section => section.items.map(item => item.id))
    const loaded = A().load(model)
    // unsaved: ids whose answer on screen could not be stored; every later write tries them again.
    const state = { answers: loaded.answers, scope: loaded.scope, writable: loaded.writable, unsaved: new Set() }
    const titles = new Map(A().allItems(model).map(item => [item.id, item.title]))
    if (loaded.status === "unavailable") showNotice(form, NOTICES.unavailable)
    if (loaded.status === "corrupt") {
      showNotice(form, loaded.setAside ? NOTICES.corrupt + loaded.setAside + "." : NOTICES.corruptStuck)
    }
    if (loaded.status === "newer") showNotice(form, NOTICES.newer)
    if (loaded.status === "read-only") showNotice(form, NOTICES["read-only"])

    function show() {
      writeForm(form, state.answers)
      render(form, model, checklist, state)
    }

    /* Put the answers shown here but not stored yet over stored answers. */
    function withUnsaved(answers) {
      for (const id of state.unsaved) {
        if (Object.hasOwn(state.answers, id)) answers[id] = state.answers[id]
        else delete answers[id]
      }
      return answers
    }

    /* Name the answers that are not stored yet and offer them as a file; hide the notice once none are left. */
    function showUnsaved() {
      const notice = form.querySelector("[data-mrp-notice]")
      if (!state.unsaved.size) {
        if (notice.dataset.mrpUnsaved) {
          notice.hidden = true
          notice.replaceChildren()
          delete notice.dataset.mrpUnsaved
        }
        return
      }
      const names = Array.from(state.unsaved, id => titles.get(id) || id)
      showNotice(form, "")
      notice.replaceChildren(MRP.dom.element("p", NOTICES.unsaved + names.join("; ") + NOTICES.unsavedHow))
      notice.dataset.mrpUnsaved = "true"
      const button = notice.appendChild(MRP.dom.element("p")).appendChild(
        MRP.dom.element("button", "Export all answers shown here", "md-button"))
      button.type = "button"
      button.addEventListener("click", () => {
        const exported = A().exportDocument(model, state.answers, null, state.scope)
        MRP.dom.downloadJson("mlops-readiness-answers-" + exported.exportedAt.slice(0, 10) + ".json", exported)
      })
    }

    /* Change only what the reader acted on, on the freshest stored record, together with any answers
     * that could not be stored before; keep the change on screen even when it cannot be stored. */
    function write(mutate) {
      if (state.writable) {
        const result = A().update(model, (answers, content) => {
          withUnsaved(content.answers)
          mutate(content)
        })
        if (result.kept) {
          state.answers = result.answers
          state.scope = result.scope
          state.unsaved.clear()
          showUnsaved()
          show()
          return
        }
      }
      const before = state.answers
      const content = { answers: Object.assign({}, state.answers), scope: state.scope }
      mutate(content)
      state.answers = content.answers
      if (state.writable) {
        for (const id of new Set(Object.keys(before).concat(Object.keys(content.answers)))) {
          if (JSON.stringify(before[id]) !== JSON.stringify(content.answers[id])) state.unsaved.add(id)
        }
        showUnsaved()
      }
      show()
    }

    form.querySelector(".mrp-score__static").hidden = true
    form.querySelector("[data-mrp-score-text]").hidden = false
    form.querySelector("[data-mrp-score-summary]").hidden = false
    form.querySelector("[data-mrp-progress]").hidden = false
    for (const line of form.querySelectorAll("[data-mrp-section-score]")) line.hidden = false
    for (const notes of form.querySelectorAll("[data-mrp-notes]")) notes.hidden = false
    show()
    // A reader opening an item's notes gets its fields, filled in: drawn on the click, before the block
    // opens, or on the toggle of a block opened otherwise (find in page, a script).
    const openNotes = notes => {
      if (!drawFields(notes)) return
      const item = notes.closest("[data-mrp-item]")
      writeFields(item, entryOf(state.answers, item.dataset.mrpItem))
    }
    form.addEventListener("click", event => {
      const summary = event.target.closest("summary")
      if (summary && summary.parentElement.matches("[data-mrp-notes]")) openNotes(summary.parentElement)
    })
    form.addEventListener("toggle", event => {
      if (event.target.open && event.target.matches("[data-mrp-notes]")) openNotes(event.target)
    }, true)
    form.addEventListener("change", event => {
      const input = event.target
      const item = input.closest("[data-mrp-item]")
      if (!item) return
      if (input.type === "radio") write(content => setField(content.answers, item.dataset.mrpItem, "value", input.value))
      else if (input.dataset.mrpField === "due") write(content => setField(content.answers, item.dataset.mrpItem, "due", input.value))
    })
    form.addEventListener("input", event => {
      const input = event.target
      const item = input.closest("[data-mrp-item]")
      if (!item || !["note", "owner"].includes(input.dataset.mrpField)) return
      const limit = A().limits(model)[input.dataset.mrpField]
      write(content => setField(content.answers, item.dataset.mrpItem, input.dataset.mrpField, input.value.slice(0, limit)))
    })
    form.addEventListener("submit", event => event.preventDefault())
    form.addEventListener("mrp-scope", () => {
      state.scope = A().load(model).scope
      show()
    })
    // Another tab changed the answers, or cleared the site's storage: show what is stored now (text
    // being typed here is in storage already), with the answers not stored yet still on top.
    MRP.storage.onChange([model.storageKey], form, () => {
      const fresh = A().load(model)
      if (["ok", "empty", "read-only"].includes(fresh.status)) {
        state.answers = withUnsaved(fresh.answers)
        state.scope = fresh.scope
        show()
      }
    })
    if (state.writable || loaded.status === "unavailable") mountReset(form, ids, write)
  }

  /* The scope choice: which kinds of ML count toward the verdict. */
  function mountScope(form) {
    if (form.dataset.mrpMounted) return
    form.dataset.mrpMounted = "true"
    const model = A().readModel()
    if (!model) return
    const status = form.querySelector("[data-mrp-scope-status]")
    const boxes = Array.from(form.querySelectorAll("input[name=scope]"))
    const show = scope => {
      const counted = A().readerScope(model, scope)
      for (const box of boxes) box.checked = counted.includes(box.value)
    }
    show(A().load(model).scope)
    form.addEventListener("change", () => {
      const chosen = boxes.filter(box => box.checked).map(box => box.value)
      const result = A().update(model, (answers, content) => { content.scope = chosen.length ? chosen : null })
      if (!chosen.length) {
        status.textContent = "Choose at least one. Until you do, the verdict counts classic machine learning."
      } else {
        status.textContent = result.kept ? "Saved. The verdict counts what you ticked."
          : "Your choice counts on this page but could not be saved in this browser."
      }
      if (!chosen.length) show(null)
      for (const other of document.querySelectorAll("form.mrp-checklist")) other.dispatchEvent(new Event("mrp-scope"))
    })
    MRP.storage.onChange([model.storageKey], form, () => show(A().load(model).scope))
  }

  function mountAll() {
    for (const form of document.querySelectorAll("form.mrp-scope")) mountScope(form)
    for (const form of document.querySelectorAll("form.mrp-checklist")) mount(form)
  }

  return { mountAll }
})()

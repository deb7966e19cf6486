/*
 * The readiness assessment's data side: reading and writing answers, and scoring them.
 * The rules come from the JSON model that the build embeds in the page (data/assessment.yml and
 * data/checklists/*.yml); macros/checklists.py applies the same rules in Python.
 */
window.MRP = window.MRP || {}

MRP.assessment = (function () {
  "use strict"

  const VALID_ANSWERS = new Set(["yes", "na"])

  function readModel(root) {
    const element = (root || document).querySelector("[data-mrp-model]")
    return element ? JSON.parse(element.dataset.mrpModel) : null
  }

  function allItems(model) {
    return model.checklists.flatMap(checklist => checklist.sections.flatMap(section => section.items))
  }

  /* localStorage if it works right now, else null (disabled, blocked or throwing). */
  function usableStorage() {
    try {
      const storage = window.localStorage
      const probe = "mrp.probe"
      storage.setItem(probe, probe)
      storage.removeItem(probe)
      return storage
    } catch (error) {
      return null
    }
  }

  function isAnswers(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) &&
      Object.values(value).every(answer => VALID_ANSWERS.has(answer))
  }

  /* Answers under ids that an item `replaces` move to that item; ids we do not know are kept. */
  function migrate(model, answers) {
    const migrated = Object.assign({}, answers)
    for (const item of allItems(model)) {
      for (const old of item.replaces) {
        if (old in migrated) {
          if (!(item.id in migrated)) migrated[item.id] = migrated[old]
          delete migrated[old]
        }
      }
    }
    return migrated
  }

  /*
   * Load the reader's answers. Never throws. status is one of:
   * "ok", "empty", "unavailable" (nothing will be kept), "corrupt" (set aside under setAside),
   * "newer" (written by a newer playbook: shown, never overwritten).
   */
  function load(model) {
    const storage = usableStorage()
    if (!storage) return { answers: {}, status: "unavailable", writable: false }
    const raw = storage.getItem(model.storageKey)
    if (raw === null) return { answers: {}, status: "empty", writable: true }
    let stored = null
    try {
      stored = JSON.parse(raw)
    } catch (error) {
      stored = null
    }
    const valid = stored !== null && typeof stored === "object" && Number.isInteger(stored.schema) &&
      isAnswers(stored.answers)
    if (!valid) {
      const setAside = model.storageKey + ".corrupt-" + Date.now()
      try {
        storage.setItem(setAside, raw)
        storage.removeItem(model.storageKey)
      } catch (error) {
        return { answers: {}, status: "corrupt", setAside: null, writable: false }
      }
      return { answers: {}, status: "corrupt", setAside: setAside, writable: true }
    }
    if (stored.schema > model.schemaVersion) {
      return { answers: stored.answers, status: "newer", writable: false }
    }
    return { answers: migrate(model, stored.answers), status: "ok", writable: true }
  }

  /* Save answers; true when they were kept. */
  function save(model, answers) {
    const storage = usableStorage()
    if (!storage) return false
    const record = { schema: model.schemaVersion, answers: answers, updated: new Date().toISOString() }
    try {
      storage.setItem(model.storageKey, JSON.stringify(record))
      return true
    } catch (error) {
      return false
    }
  }

  function scoreItems(items, answers) {
    const applicable = items.filter(item => answers[item.id] !== "na")
    const possible = applicable.reduce((sum, item) => sum + item.weight, 0)
    const earned = applicable.filter(item => answers[item.id] === "yes").reduce((sum, item) => sum + item.weight, 0)
    return {
      earned: earned,
      possible: possible,
      score: possible ? earned / possible : null,
      criticalMissing: applicable.filter(item => item.critical && answers[item.id] !== "yes").map(item => item.id)
    }
  }

  function scoreChecklist(checklist, answers) {
    const result = scoreItems(checklist.sections.flatMap(section => section.items), answers)
    result.sections = {}
    for (const section of checklist.sections) result.sections[section.id] = scoreItems(section.items, answers)
    result.met = result.score !== null && result.score >= checklist.passScore && result.criticalMissing.length === 0
    return result
  }

  function verdict(model, answers) {
    const scores = {}
    for (const checklist of model.checklists) scores[checklist.id] = scoreChecklist(checklist, answers)
    let reached = model.levels[0]
    for (const level of model.levels.slice(1)) {
      const holds = level.conditions.every(condition => {
        const result = scores[condition.checklist]
        if (result.score === null || result.score < condition.min_score) return false
        return !(condition.critical_met && result.criticalMissing.length)
      })
      if (!holds) break
      reached = level
    }
    return reached
  }

  /* Item id -> ids of required items not met yet (not applicable counts as met). */
  function blockedItems(model, answers) {
    const blocked = {}
    for (const item of allItems(model)) {
      const missing = item.requires.filter(other => answers[other] !== "yes" && answers[other] !== "na")
      if (missing.length) blocked[item.id] = missing
    }
    return blocked
  }

  return { readModel, allItems, load, save, migrate, scoreChecklist, verdict, blockedItems }
})()

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
    try {
      return element ? JSON.parse(element.dataset.mrpModel) : null
    } catch (error) {
      return null
    }
  }

  function allItems(model) {
    return model.checklists.flatMap(checklist => checklist.sections.flatMap(section => section.items))
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

  /* Only the entries that are well-formed answers (for records from a newer playbook). */
  function wellFormed(answers) {
    const kept = {}
    if (answers === null || typeof answers !== "object") return kept
    for (const [id, value] of Object.entries(answers)) if (VALID_ANSWERS.has(value)) kept[id] = value
    return kept
  }

  /*
   * Load the reader's answers. Never throws. status is one of "ok", "empty", "unavailable" (nothing
   * will be kept), "corrupt" (set aside under setAside), "newer" (written by a newer playbook: shown,
   * never overwritten). See MRP.storage.
   */
  function load(model) {
    const loaded = MRP.storage.load(model.storageKey, model.schemaVersion, record => isAnswers(record.answers))
    const answers = loaded.record ? wellFormed(loaded.record.answers) : {}
    return {
      answers: loaded.status === "ok" ? migrate(model, answers) : answers,
      status: loaded.status,
      setAside: loaded.setAside,
      writable: loaded.writable
    }
  }

  /* Save answers; true when they were kept. */
  function save(model, answers) {
    return MRP.storage.save(model.storageKey, model.schemaVersion, { answers: answers })
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

  /* The unmet items that matter most (macros/checklists.py next_actions applies the same order). */
  function nextActions(model, answers) {
    const items = allItems(model)
    const dependents = {}
    for (const item of items) dependents[item.id] = 0
    for (const item of items) for (const other of item.requires) dependents[other] += 1
    const blocked = blockedItems(model, answers)
    const rank = item => [item.id in blocked ? 1 : 0, item.critical ? 0 : 1, -dependents[item.id], -item.weight]
    return items
      .map((item, position) => ({ item, key: rank(item).concat(position) }))
      .filter(entry => answers[entry.item.id] !== "yes" && answers[entry.item.id] !== "na")
      .sort((a, b) => {
        for (let index = 0; index < a.key.length; index++) {
          if (a.key[index] !== b.key[index]) return a.key[index] - b.key[index]
        }
        return 0
      })
      .slice(0, model.nextActions)
      .map(entry => entry.item.id)
  }

  /* Counts, disagreements and the team answer per item (team_summary in macros/checklists.py). */
  function teamSummary(model, answerSets) {
    const caution = { no: 0, na: 1, yes: 2 }
    const items = {}
    const teamAnswers = {}
    for (const item of allItems(model)) {
      const votes = answerSets.map(answers => answers[item.id] || "no")
      const counts = { yes: 0, no: 0, na: 0 }
      for (const vote of votes) counts[vote] += 1
      const majority = ["yes", "no", "na"].reduce((best, answer) =>
        counts[answer] > counts[best] || (counts[answer] === counts[best] && caution[answer] < caution[best])
          ? answer : best, "yes")
      items[item.id] = Object.assign({}, counts, { disagreement: new Set(votes).size > 1, majority: majority })
      if (majority !== "no") teamAnswers[item.id] = majority
    }
    return { respondents: answerSets.length, items: items, answers: teamAnswers, verdict: verdict(model, teamAnswers).id }
  }

  /* ---- moving answers between browsers: files and share links ---- */

  const MAX_FILE_BYTES = 256 * 1024
  const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
  const MAX_TEXT = 120

  function exportDocument(model, answers, meta) {
    const exported = {
      format: model.format,
      schema: model.schemaVersion,
      playbookVersion: model.playbookVersion,
      exportedAt: new Date().toISOString(),
      answers: answers
    }
    if (meta && meta.label) exported.label = meta.label.slice(0, MAX_TEXT)
    if (meta && meta.role) exported.role = meta.role.slice(0, MAX_TEXT)
    return exported
  }

  /*
   * Validate an exported answers file before anything uses it. Returns {errors: [...]} or
   * {answers, unknown, label, role, playbookVersion}. Messages are plain text for textContent.
   */
  function parseDocument(model, text) {
    if (typeof text !== "string") return { errors: ["The file could not be read as text."] }
    if (text.length > MAX_FILE_BYTES) {
      return { errors: ["The file is too large (" + Math.round(text.length / 1024) + " KB). An answers file is a few KB."] }
    }
    let data
    try {
      data = JSON.parse(text)
    } catch (error) {
      return { errors: ["The file is not valid JSON, so it cannot be an answers file from this playbook."] }
    }
    if (data === null || typeof data !== "object" || Array.isArray(data) || data.format !== model.format) {
      return { errors: ["This is not an answers file exported from this playbook (its format is not \"" + model.format + "\")."] }
    }
    if (!Number.isInteger(data.schema) || data.schema < 1) {
      return { errors: ["The file has no valid schema number."] }
    }
    if (data.schema > model.schemaVersion) {
      return { errors: ["The file was exported by a newer version of the playbook (schema " + data.schema +
        "). Open it with that version, or a later one."] }
    }
    const errors = []
    if (data.answers === null || typeof data.answers !== "object" || Array.isArray(data.answers)) {
      errors.push("The file has no answers.")
    } else {
      for (const [id, value] of Object.entries(data.answers)) {
        if (!ID_PATTERN.test(id) || id.length > 80) errors.push("An answer has an invalid item id.")
        else if (value !== "yes" && value !== "na") errors.push("The answer for " + id + " must be \"yes\" or \"na\".")
        if (errors.length >= 5) break
      }
    }
    for (const field of ["label", "role", "playbookVersion"]) {
      if (field in data && (typeof data[field] !== "string" || data[field].length > MAX_TEXT)) {
        errors.push("The " + field + " in the file is not a short piece of text.")
      }
    }
    if (errors.length) return { errors: errors }
    const answers = migrate(model, data.answers)
    const known = new Set(allItems(model).map(item => item.id))
    return {
      errors: [],
      answers: answers,
      unknown: Object.keys(answers).filter(id => !known.has(id)),
      label: data.label || "",
      role: data.role || "",
      playbookVersion: data.playbookVersion || ""
    }
  }

  /* What importing `incoming` would do to `current`. */
  function diff(current, incoming) {
    const ids = new Set(Object.keys(current).concat(Object.keys(incoming)))
    const result = { added: [], changed: [], removed: [] }
    for (const id of ids) {
      if (!Object.hasOwn(current, id)) result.added.push(id)
      else if (!Object.hasOwn(incoming, id)) result.removed.push(id)
      else if (current[id] !== incoming[id]) result.changed.push(id)
    }
    return result
  }

  /* Merge keeps every answer you already gave and fills in only the ones you left empty. */
  function merge(current, incoming) {
    return Object.assign({}, incoming, current)
  }

  function checksum(text) {
    let hash = 0x811c9dc5
    for (let index = 0; index < text.length; index++) {
      hash ^= text.charCodeAt(index)
      hash = Math.imul(hash, 0x01000193) >>> 0
    }
    return hash.toString(36)
  }

  function toBase64Url(text) {
    const bytes = new TextEncoder().encode(text)
    let binary = ""
    for (const byte of bytes) binary += String.fromCharCode(byte)
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "")
  }

  function fromBase64Url(text) {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"))
    return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(binary, char => char.charCodeAt(0)))
  }

  /* The fragment for a share link: the answers never reach a server, because browsers do not send fragments. */
  function encodeShare(model, answers) {
    const payload = toBase64Url(JSON.stringify(exportDocument(model, answers, null)))
    return "share=" + payload + "." + checksum(payload)
  }

  function decodeShare(model, fragment) {
    const damaged = { errors: ["This share link is damaged or incomplete. Ask for the link again, and copy all of it."] }
    const match = /^#?share=([A-Za-z0-9_-]+)\.([a-z0-9]+)$/.exec(fragment)
    if (!match || checksum(match[1]) !== match[2]) return damaged
    let text
    try {
      text = fromBase64Url(match[1])
    } catch (error) {
      return damaged
    }
    return parseDocument(model, text)
  }

  /* ---- milestones: dated snapshots, kept under their own key ---- */

  function isMilestone(milestone) {
    return milestone !== null && typeof milestone === "object" && typeof milestone.name === "string" &&
      typeof milestone.savedAt === "string" && isAnswers(milestone.answers)
  }

  /* {milestones, writable, status}; milestones written by a newer playbook are shown, never rewritten. */
  function loadMilestones(model) {
    const loaded = MRP.storage.load(model.milestonesKey, model.schemaVersion,
      record => Array.isArray(record.milestones) && record.milestones.every(isMilestone))
    const milestones = loaded.record && Array.isArray(loaded.record.milestones)
      ? loaded.record.milestones.filter(isMilestone) : []
    return { milestones: milestones, writable: loaded.writable, status: loaded.status }
  }

  function saveMilestones(model, milestones) {
    return MRP.storage.save(model.milestonesKey, model.schemaVersion, { milestones: milestones })
  }

  return {
    readModel, allItems, load, save, migrate, scoreChecklist, verdict, blockedItems, nextActions, teamSummary,
    exportDocument, parseDocument, diff, merge, encodeShare, decodeShare, loadMilestones, saveMilestones,
    MAX_FILE_BYTES
  }
})()

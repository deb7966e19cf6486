/*
 * The readiness assessment's data side: the stored answers record (schema 2, upgraded from schema 1),
 * export files and share links. The rules themselves are pure functions in scoring.js; this module
 * re-exports them so that pages need one name. Every write goes through MRP.storage.update when the
 * page has it: re-read the freshest record, change only what the reader acted on, write it back.
 *
 * Schema 2 record: {schema: 2, answers: {id: {value, note, owner, due}}, scope: [...], updated}.
 * Schema 1 record: {schema: 1, answers: {id: "yes" | "na"}}; read as schema 2, written as 2 on the
 * next write the reader makes.
 */
window.MRP = window.MRP || {}

MRP.assessment = (function () {
  "use strict"

  const S = MRP.scoring
  const VALUES = new Set(["no", "partly", "yes", "na"])
  const ID_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
  const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/
  const MAX_FILE_BYTES = 256 * 1024
  const MAX_TEXT = 120
  let documentModel = null

  /* The rules: from a [data-mrp-model] element if the page has one, else assessment-model.js. */
  function readModel(root) {
    const element = (root || document).querySelector("[data-mrp-model]")
    try {
      const model = element ? JSON.parse(element.dataset.mrpModel) : (MRP.assessmentModel || null)
      if (model && !root) documentModel = model
      return model
    } catch (error) {
      return null
    }
  }

  function limits(model) {
    return (model && model.limits) || { note: 500, owner: 80 }
  }

  const isObject = value => value !== null && typeof value === "object" && !Array.isArray(value)

  /* A YYYY-MM-DD date that is on the calendar: 2026-02-30 and 2026-99-99 are not. */
  function isRealDate(text) {
    if (typeof text !== "string" || !DATE_PATTERN.test(text)) return false
    const [year, month, day] = text.split("-").map(Number)
    const date = new Date(0)
    date.setUTCFullYear(year, month - 1, day) // not Date.UTC, which reads years 0 to 99 as 1900 to 1999
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  }

  /* One stored answer: a bare schema-1 value, or a schema-2 entry whose fields are all well-formed. */
  function isEntry(entry, limit) {
    if (typeof entry === "string") return VALUES.has(entry)
    if (!isObject(entry)) return false
    if ("value" in entry && !VALUES.has(entry.value)) return false
    if ("note" in entry && (typeof entry.note !== "string" || entry.note.length > limit.note)) return false
    if ("owner" in entry && (typeof entry.owner !== "string" || entry.owner.length > limit.owner)) return false
    if ("due" in entry && (typeof entry.due !== "string" || (entry.due !== "" && !DATE_PATTERN.test(entry.due)))) return false
    return true
  }

  function isAnswers(answers, model) {
    const limit = limits(model)
    return isObject(answers) && Object.values(answers).every(entry => isEntry(entry, limit))
  }

  /* A schema-2 entry from either shape, with only known fields; null when nothing is left. A date
   * that is not on the calendar (stored before imports checked dates) is no date at all. */
  function toEntry(entry) {
    if (typeof entry === "string") return VALUES.has(entry) ? { value: entry } : null
    if (!isObject(entry)) return null
    const result = {}
    if (VALUES.has(entry.value)) result.value = entry.value
    for (const field of ["note", "owner", "due"]) {
      if (typeof entry[field] === "string" && entry[field] !== "") result[field] = entry[field]
    }
    if (result.due && !isRealDate(result.due)) delete result.due
    return Object.keys(result).length ? result : null
  }

  /* Every answer as a schema-2 entry; ids are kept whatever they are (a newer playbook may know them). */
  function upgrade(answers) {
    const result = {}
    if (!isObject(answers)) return result
    for (const [id, entry] of Object.entries(answers)) {
      const upgraded = toEntry(entry)
      if (upgraded) result[id] = upgraded
    }
    return result
  }

  function isScope(scope) {
    return Array.isArray(scope) && scope.every(name => typeof name === "string" && ID_PATTERN.test(name))
  }

  function isRecord(record, model) {
    return isAnswers(record.answers, model) && (!("scope" in record) || isScope(record.scope))
  }

  /* The record's content as the page uses it: upgraded, migrated answers and the stored scope. */
  function contentOf(model, record) {
    return {
      answers: S.migrate(model, upgrade(record ? record.answers : {}), record ? record.schema : undefined),
      scope: record && isScope(record.scope) ? record.scope.slice() : null
    }
  }

  /*
   * Load the reader's answers. Never throws. status is one of "ok", "empty", "unavailable", "corrupt"
   * (set aside under setAside), "newer" (shown, never overwritten), or whatever else MRP.storage
   * reports; writable says whether a write may be tried.
   */
  function load(model) {
    const loaded = MRP.storage.load(model.storageKey, model.schemaVersion, record => isRecord(record, model))
    const content = contentOf(model, loaded.record)
    return Object.assign({}, loaded, {
      answers: content.answers,
      scope: content.scope,
      counted: S.readerScope(model, content.scope)
    })
  }

  /*
   * Read-modify-write on the freshest stored record, read exactly as load reads it (upgraded and
   * migrated). change(answers, content) gets copies: it may change answers (or content.scope) in
   * place, return new answers, or return false to write nothing. Returns {kept, answers, scope, status};
   * answers and scope are what the page should show, even when they were not kept.
   */
  function update(model, change) {
    const valid = record => isRecord(record, model)
    const mutate = record => {
      const content = contentOf(model, record)
      const returned = change(content.answers, content)
      if (returned === false) return false
      record.answers = upgrade(returned && typeof returned === "object" ? returned : content.answers)
      if (content.scope && content.scope.length) record.scope = content.scope
      else delete record.scope
    }
    const result = MRP.storage.update(model.storageKey, model.schemaVersion, valid, mutate)
    const content = contentOf(model, result.record)
    return { kept: result.kept, answers: content.answers, scope: content.scope, status: result.status }
  }

  /* Replace every answer (import, undo); keeps the stored scope. True when it was kept. */
  function save(model, answers) {
    return update(model, () => upgrade(answers)).kept
  }

  /* ---- the rules, with the page's model filled in for older callers ---- */

  const sharesOf = share => share || S.shares(documentModel || readModel())
  const scoreChecklist = (checklist, answers, share) => S.scoreChecklist(checklist, answers, sharesOf(share))

  /* ---- moving answers between browsers: files and share links ---- */

  function exportDocument(model, answers, meta, scope) {
    const exported = {
      format: model.format,
      schema: model.schemaVersion,
      playbookVersion: model.playbookVersion,
      exportedAt: new Date().toISOString(),
      answers: upgrade(answers)
    }
    if (isScope(scope)) exported.scope = scope.slice()
    if (meta && meta.label) exported.label = meta.label.slice(0, MAX_TEXT)
    if (meta && meta.role) exported.role = meta.role.slice(0, MAX_TEXT)
    return exported
  }

  /*
   * Validate an exported answers file (schema 1 or 2) before anything uses it. Returns {errors: [...]}
   * or {errors: [], answers, unknown, label, role, scope, playbookVersion}. Messages are plain text.
   */
  function parseDocument(model, text, source) {
    const link = source === "link"
    const it = link ? "The link" : "The file"
    if (typeof text !== "string") return { errors: [it + " could not be read as text."] }
    if (text.length > MAX_FILE_BYTES) {
      return { errors: [it + " is too large (" + Math.round(text.length / 1024) + " KB). An answers " + (link ? "link" : "file") + " is a few KB."] }
    }
    let data
    try {
      data = JSON.parse(text)
    } catch (error) {
      return { errors: [it + " does not hold valid JSON, so it cannot hold answers from this playbook."] }
    }
    if (!isObject(data) || data.format !== model.format) {
      return { errors: [(link ? "This link does not hold answers" : "This is not an answers file") + " exported from this playbook (its format is not \"" + model.format + "\")."] }
    }
    if (!Number.isInteger(data.schema) || data.schema < 1) return { errors: [it + " has no valid schema number."] }
    if (data.schema > model.schemaVersion) {
      return { errors: [it + " was made by a newer version of the playbook (schema " + data.schema +
        "). Open it with that version, or a later one."] }
    }
    const errors = []
    const limit = limits(model)
    const titles = new Map(S.allItems(model).map(item => [item.id, item.title]))
    if (!isObject(data.answers)) {
      errors.push(it + " has no answers.")
    } else {
      for (const [id, entry] of Object.entries(data.answers)) {
        if (!ID_PATTERN.test(id) || id.length > 80) errors.push("An answer has an invalid item id.")
        else if (isEntry(entry, limit) && isObject(entry) && entry.due && !isRealDate(entry.due)) {
          errors.push("The target date for " + (titles.get(id) || "the item") + " (" + id + ") is " + entry.due +
            ", which is not a real date. Dates are written YYYY-MM-DD, with a month from 01 to 12 and a day that month has.")
        } else if (!isEntry(entry, limit)) {
          errors.push("The answer for " + id + " must be \"no\", \"partly\", \"yes\" or \"na\", with a note of at most " +
            limit.note + " characters, an owner of at most " + limit.owner + " and a date as YYYY-MM-DD.")
        }
        if (errors.length >= 5) break
      }
    }
    for (const field of ["label", "role", "playbookVersion"]) {
      if (field in data && (typeof data[field] !== "string" || data[field].length > MAX_TEXT)) {
        errors.push("The " + field + " in " + it.toLowerCase() + " is not a short piece of text.")
      }
    }
    if ("scope" in data && !isScope(data.scope)) errors.push("The scope in " + it.toLowerCase() + " is not a list of scope names.")
    if (errors.length) return { errors: errors }
    const answers = S.migrate(model, upgrade(data.answers), data.schema)
    const known = new Set(S.allItems(model).map(item => item.id))
    return {
      errors: [],
      answers: answers,
      unknown: Object.keys(answers).filter(id => !known.has(id)),
      label: data.label || "",
      role: data.role || "",
      scope: isScope(data.scope) ? data.scope.slice() : null,
      playbookVersion: data.playbookVersion || ""
    }
  }

  const same = (a, b) => JSON.stringify(toEntry(a)) === JSON.stringify(toEntry(b))

  /* What importing `incoming` would do to `current`. */
  function diff(current, incoming) {
    const ids = new Set(Object.keys(current).concat(Object.keys(incoming)))
    const result = { added: [], changed: [], removed: [] }
    for (const id of ids) {
      if (!Object.hasOwn(current, id)) result.added.push(id)
      else if (!Object.hasOwn(incoming, id)) result.removed.push(id)
      else if (!same(current[id], incoming[id])) result.changed.push(id)
    }
    return result
  }

  /*
   * Merge keeps every answer you already gave and fills in only what you left empty: an item you
   * never touched takes the incoming entry whole; an item where you wrote only a note, an owner or a
   * date takes the incoming answer, and the incoming note, owner or date where yours is empty. An item
   * you answered stays exactly as it is.
   */
  function merge(current, incoming) {
    const result = Object.assign({}, current)
    for (const [id, entry] of Object.entries(incoming)) {
      if (!Object.hasOwn(current, id)) {
        result[id] = entry
        continue
      }
      const mine = toEntry(current[id]) || {}
      const theirs = toEntry(entry)
      if (mine.value || !theirs || !theirs.value) continue
      result[id] = Object.assign({}, theirs, mine)
    }
    return result
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
  function encodeShare(model, answers, scope) {
    const payload = toBase64Url(JSON.stringify(exportDocument(model, answers, null, scope)))
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
    return parseDocument(model, text, "link")
  }

  /* ---- milestones: dated snapshots, kept under their own key ---- */

  function isMilestone(milestone) {
    return isObject(milestone) && typeof milestone.name === "string" &&
      typeof milestone.savedAt === "string" && isAnswers(milestone.answers, documentModel)
  }

  /* {milestones, writable, status}; milestones hold answers as upgraded, migrated entries. */
  function loadMilestones(model) {
    const loaded = MRP.storage.load(model.milestonesKey, model.schemaVersion,
      record => Array.isArray(record.milestones) && record.milestones.every(isMilestone))
    const milestones = loaded.record && Array.isArray(loaded.record.milestones)
      ? loaded.record.milestones.filter(isMilestone).map(milestone =>
        Object.assign({}, milestone, { answers: S.migrate(model, upgrade(milestone.answers)) }))
      : []
    return { milestones: milestones, writable: loaded.writable, status: loaded.status }
  }

  /* Read-modify-write of the milestones: change(milestones) gets a copy of the freshest list and
   * returns the new list, or false to write nothing. Returns {kept, milestones, status}. */
  function updateMilestones(model, change) {
    const valid = record => Array.isArray(record.milestones) && record.milestones.every(isMilestone)
    const result = MRP.storage.update(model.milestonesKey, model.schemaVersion, valid, record => {
      const returned = change(Array.isArray(record.milestones) ? record.milestones.filter(isMilestone) : [])
      if (returned === false) return false
      record.milestones = returned
    })
    const milestones = result.record && Array.isArray(result.record.milestones) ? result.record.milestones.filter(isMilestone) : []
    return { kept: result.kept, milestones: milestones, status: result.status }
  }

  function saveMilestones(model, milestones) {
    return MRP.storage.save(model.milestonesKey, model.schemaVersion, { milestones: milestones })
  }

  return {
    readModel, limits, upgrade, toEntry, isAnswers, load, update, save, scoreChecklist,
    allItems: S.allItems,
    migrate: S.migrate,
    valueOf: S.valueOf,
    readerScope: S.readerScope,
    inScope: S.inScope,
    verdict: S.verdict,
    blockedItems: S.blockedItems,
    nextActions: S.nextActions,
    actionPlan: S.actionPlan,
    teamSummary: S.teamSummary,
    exportDocument, parseDocument, diff, merge, encodeShare, decodeShare, loadMilestones, updateMilestones, saveMilestones,
    MAX_FILE_BYTES
  }
})()

/*
 * The readiness assessment's rules, as pure functions: data in, result out, no storage, no DOM.
 * macros/scoring.py applies the very same rules in Python; tests/cases/assessment-cases.json holds
 * both to the same expected results (tests/test_scoring_cases*.py).
 * Answers map an item id to a value ("no", "partly", "yes", "na") or to a stored entry
 * {value, note, owner, due}. An unanswered item, or a value the scale does not know, counts as "no".
 */
window.MRP = window.MRP || {}

MRP.scoring = (function () {
  "use strict"

  const VALUES = new Set(["no", "partly", "yes", "na"])
  const DONE = new Set(["yes", "na"])

  function valueOf(entry) {
    const value = entry !== null && typeof entry === "object" ? entry.value : entry
    return VALUES.has(value) ? value : "no"
  }

  function answerOf(answers, id) {
    return Object.hasOwn(answers, id) ? valueOf(answers[id]) : "no"
  }

  /* Answer value -> share of the weight it earns, from the model's scale (not applicable is absent). */
  function shares(model) {
    const result = {}
    for (const step of model.scale) if (step.share !== null) result[step.value] = step.share
    return result
  }

  /* The scopes that count: the reader's known scopes, or the default when there are none. */
  function readerScope(model, scope) {
    const chosen = model.scopes.map(known => known.id).filter(id => Array.isArray(scope) && scope.includes(id))
    return chosen.length ? chosen : model.defaultScope.slice()
  }

  function inScope(checklist, scope) {
    return checklist.scope === null || scope.includes(checklist.scope)
  }

  function allItems(model) {
    return model.checklists.flatMap(checklist => checklist.sections.flatMap(section => section.items))
  }

  function scoreItems(items, answers, share) {
    const applicable = items.filter(item => answerOf(answers, item.id) !== "na")
    let possible = 0
    let earned = 0
    for (const item of applicable) {
      possible += item.weight
      earned += item.weight * share[answerOf(answers, item.id)]
    }
    return {
      earned: earned,
      possible: possible,
      score: possible ? earned / possible : null,
      criticalMissing: applicable.filter(item => item.critical && answerOf(answers, item.id) !== "yes").map(item => item.id)
    }
  }

  function scoreChecklist(checklist, answers, share) {
    const result = scoreItems(checklist.sections.flatMap(section => section.items), answers, share)
    result.sections = {}
    for (const section of checklist.sections) result.sections[section.id] = scoreItems(section.items, answers, share)
    result.met = result.score !== null && result.score >= checklist.passScore && result.criticalMissing.length === 0
    return result
  }

  function holds(condition, result) {
    if (result.score === null || result.score < condition.minScore) return false
    return !(condition.criticalMet && result.criticalMissing.length)
  }

  /* The highest level whose conditions all hold; a checklist outside the scope is not scored. */
  function verdict(model, answers, scope) {
    const counted = readerScope(model, scope)
    const share = shares(model)
    const checklists = {}
    for (const checklist of model.checklists) checklists[checklist.id] = checklist
    let reached = model.levels[0]
    for (const level of model.levels.slice(1)) {
      const ok = level.conditions.every(condition => {
        const checklist = checklists[condition.checklist]
        return !inScope(checklist, counted) || holds(condition, scoreChecklist(checklist, answers, share))
      })
      if (!ok) break
      reached = level
    }
    return reached
  }

  /* In-scope item id -> ids of required items not met yet (Yes and not applicable count as met). */
  function blockedItems(model, answers, scope) {
    const counted = readerScope(model, scope)
    const blocked = {}
    for (const checklist of model.checklists) {
      if (!inScope(checklist, counted)) continue
      for (const section of checklist.sections) {
        for (const item of section.items) {
          const missing = item.requires.filter(other => !DONE.has(answerOf(answers, other)))
          if (missing.length) blocked[item.id] = missing
        }
      }
    }
    return blocked
  }

  function compare(a, b) {
    for (let index = 0; index < a.length; index++) if (a[index] !== b[index]) return a[index] - b[index]
    return 0
  }

  /* The in-scope checklists whose conditions keep the reader from the next level (none at the top). */
  function gateChecklists(model, answers, scope) {
    const counted = readerScope(model, scope)
    const share = shares(model)
    const reached = model.levels.indexOf(verdict(model, answers, counted))
    const next = model.levels[reached + 1]
    if (!next) return []
    const checklists = {}
    for (const checklist of model.checklists) checklists[checklist.id] = checklist
    return next.conditions
      .filter(condition => inScope(checklists[condition.checklist], counted) &&
        !holds(condition, scoreChecklist(checklists[condition.checklist], answers, share)))
      .map(condition => condition.checklist)
  }

  /* Open in-scope items with their rank (macros/scoring.py _open_items gives the same order): the
   * checklists holding back the next level first. */
  function openItems(model, answers, scope) {
    const counted = readerScope(model, scope)
    const gate = new Set(gateChecklists(model, answers, counted))
    const items = allItems(model)
    const order = {}
    const dependents = {}
    items.forEach((item, position) => { order[item.id] = position; dependents[item.id] = 0 })
    for (const item of items) for (const other of item.requires) dependents[other] += 1
    const blocked = blockedItems(model, answers, counted)
    return model.checklists
      .filter(checklist => inScope(checklist, counted))
      .flatMap(checklist => checklist.sections.flatMap(section => section.items.map(item => ({ checklist, item }))))
      .filter(({ item }) => !DONE.has(answerOf(answers, item.id)))
      .map(({ checklist, item }) => ({
        item: item,
        rank: [gate.has(checklist.id) ? 0 : 1, item.id in blocked ? 1 : 0, item.critical ? 0 : 1, -dependents[item.id],
          -item.weight, order[item.id]]
      }))
  }

  function nextActions(model, answers, scope) {
    return openItems(model, answers, scope)
      .sort((a, b) => compare(a.rank, b.rank))
      .slice(0, model.nextActions)
      .map(entry => entry.item.id)
  }

  /* Every open item in scope: the items holding back the next level first, critical before the rest
   * within each group, then in next-action order. */
  function actionPlan(model, answers, scope) {
    return openItems(model, answers, scope)
      .map(entry => ({ item: entry.item, rank: [entry.rank[0], entry.item.critical ? 0 : 1].concat(entry.rank) }))
      .sort((a, b) => compare(a.rank, b.rank))
      .map(entry => entry.item.id)
  }

  const CAUTION = { no: 0, partly: 1, na: 2, yes: 3 }

  /* Counts, disagreements and the team answer per item; ties go to the cautious answer. */
  function teamSummary(model, answerSets, scope) {
    const items = {}
    const teamAnswers = {}
    for (const item of allItems(model)) {
      const votes = answerSets.map(answers => answerOf(answers, item.id))
      const counts = { yes: 0, partly: 0, no: 0, na: 0 }
      for (const vote of votes) counts[vote] += 1
      const majority = ["yes", "partly", "no", "na"].reduce((best, answer) =>
        counts[answer] > counts[best] || (counts[answer] === counts[best] && CAUTION[answer] < CAUTION[best])
          ? answer : best, "yes")
      items[item.id] = Object.assign({}, counts, { disagreement: new Set(votes).size > 1, majority: majority })
      if (majority !== "no") teamAnswers[item.id] = majority
    }
    return { respondents: answerSets.length, items: items, answers: teamAnswers, verdict: verdict(model, teamAnswers, scope).id }
  }

  /* The fields of an entry, in a fixed order, so that two entries compare by what they say. */
  function fieldsOf(entry) {
    if (entry === null || typeof entry !== "object") return JSON.stringify([entry, "", "", ""])
    return JSON.stringify([entry.value, entry.note || "", entry.owner || "", entry.due || ""])
  }

  /*
   * Carry answers given under the ids items `replace` (a merged item lists its own id too) to those
   * items, and drop the old ids; ids nobody knows are kept. A migration never invents an answer: an
   * item takes an entry only when every id it came from gives that same entry (or the same value:
   * then it keeps its own entry, or takes the value alone); otherwise it stays unanswered. An item the reader answered
   * directly, under an id it did not come from, keeps that answer. Schema 1 (0.1) stored only ticks,
   * so there an id with no answer is a box left unticked, and every item with `replaces` is
   * migrated; in later schemas an item is migrated only when an old id it came from is present.
   * Entries are copied, never shared.
   */
  function migrate(model, answers, schema) {
    const copy = entry => (entry !== null && typeof entry === "object" ? Object.assign({}, entry) : entry)
    const given = id => Object.hasOwn(answers, id)
    const raw = entry => (entry !== null && typeof entry === "object" ? entry.value : entry)
    const migrated = {}
    for (const [id, entry] of Object.entries(answers)) migrated[id] = copy(entry)
    const current = new Set(allItems(model).map(item => item.id))
    const retired = new Set()
    for (const item of allItems(model)) {
      const sources = item.replaces
      const old = sources.filter(id => !current.has(id))
      if (!sources.length || (schema !== 1 && !old.some(given))) continue
      for (const id of old.filter(given)) retired.add(id)
      if (!sources.includes(item.id) && given(item.id)) continue
      const entries = sources.map(id => (given(id) ? answers[id] : null))
      const first = entries[0]
      if (entries.every(entry => entry !== null && fieldsOf(entry) === fieldsOf(first))) {
        migrated[item.id] = copy(first)
      } else if (entries.every(entry => entry !== null && VALUES.has(raw(entry)) && raw(entry) === raw(first))) {
        // The same answer, different notes: a merged item keeps its own entry, any other takes the value.
        migrated[item.id] = sources.includes(item.id) ? copy(answers[item.id]) : { value: raw(first) }
      } else {
        delete migrated[item.id]
      }
    }
    for (const id of retired) delete migrated[id]
    return migrated
  }

  return {
    valueOf, answerOf, shares, readerScope, inScope, allItems, scoreChecklist, verdict, gateChecklists, blockedItems,
    nextActions, actionPlan, teamSummary, migrate
  }
})()

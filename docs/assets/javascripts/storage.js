/*
 * Schema-numbered records in localStorage that never throw. Every feature that keeps reader data
 * (answers, milestones, reading progress, the report's label) goes through here, so the rules are
 * the same everywhere: a record written by a newer playbook is shown but never overwritten; an
 * unreadable record is set aside under "<key>.corrupt-<time>", never deleted; blocked or full
 * storage is reported, not thrown.
 */
window.MRP = window.MRP || {}

MRP.storage = (function () {
  "use strict"

  /* localStorage if it works right now, else null (disabled, blocked or throwing). */
  function usable() {
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

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && Number.isInteger(value.schema)
  }

  /*
   * Read the record under key. Returns {status, record, writable, setAside}; status is one of
   * "ok", "empty", "unavailable", "newer" (record shown, never written) or "corrupt" (set aside when
   * options.setAside, else left where it is for a page that owns it).
   */
  function load(key, schemaVersion, isValid, options) {
    const storage = usable()
    if (!storage) return { status: "unavailable", record: null, writable: false }
    let raw = null
    try {
      raw = storage.getItem(key)
    } catch (error) {
      return { status: "unavailable", record: null, writable: false }
    }
    if (raw === null) return { status: "empty", record: null, writable: true }
    let stored = null
    try {
      stored = JSON.parse(raw)
    } catch (error) {
      stored = null
    }
    if (isRecord(stored) && stored.schema > schemaVersion) return { status: "newer", record: stored, writable: false }
    if (isRecord(stored) && isValid(stored)) return { status: "ok", record: stored, writable: true }
    if (options && options.setAside === false) return { status: "corrupt", record: null, writable: false }
    const setAside = key + ".corrupt-" + Date.now()
    try {
      storage.setItem(setAside, raw)
      storage.removeItem(key)
    } catch (error) {
      return { status: "corrupt", record: null, setAside: null, writable: false }
    }
    return { status: "corrupt", record: null, setAside: setAside, writable: true }
  }

  /* Write fields as a record with the schema number; true when it was kept. */
  function save(key, schemaVersion, fields) {
    const storage = usable()
    if (!storage) return false
    const record = Object.assign({ schema: schemaVersion }, fields, { updated: new Date().toISOString() })
    try {
      storage.setItem(key, JSON.stringify(record))
      return true
    } catch (error) {
      return false
    }
  }

  return { usable, load, save }
})()

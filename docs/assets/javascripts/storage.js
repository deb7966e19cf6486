/*
 * Schema-numbered records in localStorage that never throw. Every feature that keeps reader data
 * (answers, milestones, reading progress, the report's label) goes through here, so the rules are
 * the same everywhere:
 * - Several tabs are normal. A write is a read-modify-write on the freshest stored record (update):
 *   it changes only what the reader acted on, so it never puts back what a page loaded earlier.
 *   Pages redraw on the browser's `storage` event (onChange).
 * - Reads work whenever the browser can read, even when writes fail (full or write-blocked storage).
 * - A record written by a newer playbook is shown but never overwritten; an unreadable record is
 *   set aside under "<key>.corrupt-<time>", never deleted.
 */
window.MRP = window.MRP || {}

MRP.storage = (function () {
  "use strict"

  const PROBE = "mrp.probe"

  /* localStorage if this page may read it, else null (site data disabled or blocked). */
  function readable() {
    try {
      const storage = window.localStorage
      storage.getItem(PROBE)
      return storage
    } catch (error) {
      return null
    }
  }

  /* True when a write goes through right now; false when storage is full or refuses writes. */
  function canWrite(storage) {
    try {
      storage.setItem(PROBE, PROBE)
      storage.removeItem(PROBE)
      return true
    } catch (error) {
      return false
    }
  }

  /* localStorage if it can be both read and written right now, else null. */
  function usable() {
    const storage = readable()
    return storage && canWrite(storage) ? storage : null
  }

  function isRecord(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value) && Number.isInteger(value.schema)
  }

  function parse(raw) {
    try {
      return JSON.parse(raw)
    } catch (error) {
      return null
    }
  }

  /* Move an unreadable record to "<key>.corrupt-<time>"; the new key, or null when it cannot be moved. */
  function setAside(storage, key, raw) {
    const aside = key + ".corrupt-" + Date.now()
    try {
      storage.setItem(aside, raw)
    } catch (error) {
      return null
    }
    try {
      storage.removeItem(key)
    } catch (error) {
      // The copy is safe; the original stays too, which loses nothing.
    }
    return aside
  }

  /*
   * Read the record under key. Never throws. Returns {status, record, writable, setAside}. status:
   * - "ok": a valid record (writable)             - "empty": nothing stored yet (writable)
   * - "read-only": kept but read-only: the record (or null when nothing is stored) was read, but
   *   this browser refuses writes right now (storage full, or writes blocked)
   * - "unavailable": not kept: this browser keeps no data for this site (no reads, no writes)
   * - "newer": written by a newer playbook: record shown, never written (writable is false)
   * - "corrupt": the stored text is not a valid record. It was set aside under setAside (and the
   *   key is writable again); setAside is null when it could not be moved (storage full: writable
   *   is false) or when options.setAside is false (a page that does not own the data only reads).
   */
  function load(key, schemaVersion, isValid, options) {
    const storage = readable()
    const unavailable = { status: "unavailable", record: null, writable: false }
    if (!storage) return unavailable
    let raw = null
    try {
      raw = storage.getItem(key)
    } catch (error) {
      return unavailable
    }
    const writable = canWrite(storage)
    if (raw === null) return { status: writable ? "empty" : "read-only", record: null, writable: writable }
    const stored = parse(raw)
    if (isRecord(stored) && stored.schema > schemaVersion) return { status: "newer", record: stored, writable: false }
    if (isRecord(stored) && isValid(stored)) return { status: writable ? "ok" : "read-only", record: stored, writable: writable }
    if ((options && options.setAside === false) || !writable) {
      return { status: "corrupt", record: null, setAside: null, writable: false }
    }
    const aside = setAside(storage, key, raw)
    return { status: "corrupt", record: null, setAside: aside, writable: aside !== null }
  }

  /*
   * Read-modify-write on the freshest stored record. mutate(record) changes the record in place
   * (record is an empty {schema} one when nothing valid is stored) and may return false to write
   * nothing. Returns {kept, record, status}: record is what the page should show after the change;
   * kept is true when it is what storage now holds. A newer record is never written.
   */
  function update(key, schemaVersion, isValid, mutate, options) {
    const loaded = load(key, schemaVersion, isValid, options)
    const base = loaded.record
    const record = base ? JSON.parse(JSON.stringify(base)) : { schema: schemaVersion }
    if (mutate(record) === false) return { kept: loaded.writable, record: base, status: loaded.status }
    if (!loaded.writable) return { kept: false, record: record, status: loaded.status }
    record.schema = schemaVersion
    record.updated = new Date().toISOString()
    try {
      window.localStorage.setItem(key, JSON.stringify(record))
      return { kept: true, record: record, status: "ok" }
    } catch (error) {
      return { kept: false, record: record, status: "read-only" }
    }
  }

  /* Write fields as a whole new record; true when it was kept. Prefer update: it keeps other tabs' changes. */
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

  /*
   * Call callback() when another tab changes one of keys (or clears storage). The listener goes
   * away by itself once owner (the element that shows the data) has left the page, which instant
   * navigation does without unloading the window.
   */
  function onChange(keys, owner, callback) {
    const watched = new Set(keys)
    function listener(event) {
      if (!owner.isConnected) {
        window.removeEventListener("storage", listener)
        return
      }
      if (event.key === null || watched.has(event.key)) callback(event)
    }
    window.addEventListener("storage", listener)
    return () => window.removeEventListener("storage", listener)
  }

  return { usable, readable, load, update, save, onChange }
})()

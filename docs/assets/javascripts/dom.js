/* Small DOM helpers shared by the report, the team view and the checklists. Text always goes in
 * through textContent, never as markup, so file and link contents cannot inject HTML. */
window.MRP = window.MRP || {}

MRP.dom = (function () {
  "use strict"

  function element(tag, text, className) {
    const created = document.createElement(tag)
    if (text !== undefined) created.textContent = text
    if (className) created.className = className
    return created
  }

  function percent(value) {
    return value === null ? "n/a" : Math.round(value * 100) + "%"
  }

  const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"]

  /* A date as the playbook writes dates, "7 December 2026": in its own language, and without the
     browser's date formatter, whose first use holds the page up for tens of milliseconds on a phone. */
  function longDate(date) {
    return date.getDate() + " " + MONTHS[date.getMonth()] + " " + date.getFullYear()
  }

  /* Offer data as a JSON file download; nothing leaves the browser. */
  function downloadJson(filename, data) {
    const link = element("a")
    link.href = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" }))
    link.download = filename
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(() => URL.revokeObjectURL(link.href), 1000)
  }

  return { element, percent, longDate, downloadJson }
})()

/*
 * Small inline SVG charts for the report and the team view. Every chart comes with a table that
 * says the same thing, and meaning never rests on colour alone: bars carry their value as text,
 * trend lines differ in dash pattern and marker shape.
 */
window.MRP = window.MRP || {}

MRP.charts = (function () {
  "use strict"

  const SVG = "http://www.w3.org/2000/svg"

  function node(name, attributes, text) {
    const element = document.createElementNS(SVG, name)
    for (const [key, value] of Object.entries(attributes || {})) element.setAttribute(key, String(value))
    if (text !== undefined) element.textContent = text
    return element
  }

  /* Charts are drawn at the width they are shown at on a desktop (one unit, one CSS pixel) and
     shrink no further than a 320 px phone allows, so their text stays at or near body size. */
  const WIDTH = 360
  const TEXT = 16
  const CHAR = 8.4 // average advance of a character at 16 px, for wrapping labels

  function frame(width, height, title, description) {
    const id = "mrp-chart-" + Math.random().toString(36).slice(2, 8)
    const svg = node("svg", {
      width: width, height: height, viewBox: "0 0 " + width + " " + height, role: "img",
      class: "mrp-svg mrp-svg--chart", "aria-labelledby": id + "-title " + id + "-desc"
    })
    svg.appendChild(node("title", { id: id + "-title" }, title))
    svg.appendChild(node("desc", { id: id + "-desc" }, description))
    return svg
  }

  function wrap(text, width) {
    const limit = Math.max(8, Math.floor(width / CHAR))
    const lines = []
    for (const word of String(text).split(/\s+/)) {
      if (lines.length && lines[lines.length - 1].length + 1 + word.length <= limit) lines[lines.length - 1] += " " + word
      else lines.push(word)
    }
    return lines
  }

  /* A met/not met mark that does not rest on colour: a tick in a circle, or a cross in a square. */
  function verdictMark(met, x, y) {
    const group = node("g", { class: met ? "mrp-svg__mark mrp-svg__mark--met" : "mrp-svg__mark mrp-svg__mark--unmet", "aria-hidden": "true" })
    if (met) {
      group.appendChild(node("circle", { cx: x, cy: y, r: 7 }))
      group.appendChild(node("path", { d: "M" + (x - 3.5) + "," + y + " l2.5,2.5 l4.5,-5", class: "mrp-svg__mark-line" }))
    } else {
      group.appendChild(node("rect", { x: x - 6.5, y: y - 6.5, width: 13, height: 13 }))
      group.appendChild(node("path", { d: "M" + (x - 3) + "," + (y - 3) + " l6,6 m0,-6 l-6,6", class: "mrp-svg__mark-line" }))
    }
    return group
  }

  /* rows: [{label, score: 0..1 or null, threshold: 0..1 or null, met: bool (checklists), indent: bool,
     out: bool (a checklist outside the reader's scope)}]
     Each row: its label (wrapped) with the value and, for a checklist, "met" or "not met" at the right;
     under it the bar, with a dashed line at the checklist's threshold. A checklist out of scope says so
     and keeps an empty, dashed track. The height is whatever the rows take, so nothing is clipped. */
  function bars(rows, title, description) {
    const valueWidth = 128
    const lineHeight = 20
    const barHeight = 14
    const svg = frame(WIDTH, 0, title, description)
    let y = 4
    for (const row of rows) {
      const lines = wrap(row.label, WIDTH - valueWidth - (row.indent ? 12 : 0))
      if (!row.indent && y > 4) y += 8
      const x = row.indent ? 12 : 0
      const label = node("text", { x: x, y: y + TEXT, class: row.indent ? "mrp-svg__label" : "mrp-svg__label mrp-svg__label--strong" })
      lines.forEach((line, index) => label.appendChild(node("tspan", { x: x, dy: index ? lineHeight : 0 }, line)))
      svg.appendChild(label)
      const isChecklist = row.threshold !== null && row.threshold !== undefined
      const met = row.met !== undefined ? row.met : isChecklist && row.score !== null && row.score >= row.threshold
      const value = row.score === null ? "n/a" : Math.round(row.score * 100) + "%"
      const shown = row.out ? "out of scope" : isChecklist ? value + (met ? " met" : " not met") : value
      svg.appendChild(node("text", { x: WIDTH - (isChecklist && !row.out ? 20 : 0), y: y + TEXT, "text-anchor": "end",
        class: "mrp-svg__label mrp-svg__value" }, shown))
      if (isChecklist && !row.out) svg.appendChild(verdictMark(met, WIDTH - 7, y + TEXT - 5))
      const barY = y + lines.length * lineHeight + 2
      const barWidth = WIDTH - x
      svg.appendChild(node("rect", { x: x, y: barY, width: barWidth, height: barHeight, rx: 2,
        class: row.out ? "mrp-svg__track mrp-svg__track--out" : "mrp-svg__track" }))
      if (row.score !== null && !row.out) {
        svg.appendChild(node("rect", { x: x, y: barY, width: Math.max(2, barWidth * row.score), height: barHeight, rx: 2,
          class: row.indent ? "mrp-svg__bar mrp-svg__bar--section" : "mrp-svg__bar" }))
      }
      if (isChecklist && !row.out) {
        const tx = x + barWidth * row.threshold
        svg.appendChild(node("line", { x1: tx, x2: tx, y1: barY - 2, y2: barY + barHeight + 3, class: "mrp-svg__threshold" }))
      }
      y = barY + barHeight + 14
    }
    svg.setAttribute("height", y)
    svg.setAttribute("viewBox", "0 0 " + WIDTH + " " + y)
    return svg
  }

  const SERIES_STYLES = [
    { dash: "", marker: "circle" },
    { dash: "8 4", marker: "square" },
    { dash: "2 3", marker: "triangle" }
  ]

  function marker(shape, x, y) {
    if (shape === "square") return node("rect", { x: x - 4, y: y - 4, width: 8, height: 8, class: "mrp-svg__marker" })
    if (shape === "triangle") return node("polygon", { points: [x, y - 5, x + 5, y + 4, x - 5, y + 4].join(" "), class: "mrp-svg__marker" })
    return node("circle", { cx: x, cy: y, r: 4, class: "mrp-svg__marker" })
  }

  /* points: x labels; series: [{label, values: [0..1 or null]}]. The legend sits under the plot. */
  function trend(points, series, title, description) {
    const left = 48
    const top = 12
    const plotWidth = WIDTH - left - 16
    const plotHeight = 150
    const legendTop = top + plotHeight + 44
    const svg = frame(WIDTH, legendTop + series.length * 24, title, description)
    for (const tick of [0, 0.5, 1]) {
      const y = top + plotHeight * (1 - tick)
      svg.appendChild(node("line", { x1: left, x2: left + plotWidth, y1: y, y2: y, class: "mrp-svg__grid" }))
      svg.appendChild(node("text", { x: left - 8, y: y + 5, "text-anchor": "end", class: "mrp-svg__label" }, Math.round(tick * 100) + "%"))
    }
    const step = points.length > 1 ? plotWidth / (points.length - 1) : 0
    // Label the first and last milestones, and those in between only when there is room.
    const every = Math.max(1, Math.ceil(points.length / Math.max(1, Math.floor(plotWidth / 110))))
    points.forEach((label, index) => {
      if (index % every && index !== points.length - 1) return
      const anchor = points.length === 1 ? "start" : index === 0 ? "start" : index === points.length - 1 ? "end" : "middle"
      svg.appendChild(node("text", { x: left + step * index, y: top + plotHeight + 24, class: "mrp-svg__label", "text-anchor": anchor }, label))
    })
    series.forEach((line, seriesIndex) => {
      const style = SERIES_STYLES[seriesIndex % SERIES_STYLES.length]
      const coordinates = line.values.map((value, index) => value === null ? null : [left + step * index, top + plotHeight * (1 - value)])
      const drawn = coordinates.filter(Boolean)
      if (drawn.length > 1) {
        svg.appendChild(node("polyline", { points: drawn.map(pair => pair.join(",")).join(" "), class: "mrp-svg__line", "stroke-dasharray": style.dash }))
      }
      for (const pair of drawn) svg.appendChild(marker(style.marker, pair[0], pair[1]))
      const legendY = legendTop + seriesIndex * 24
      svg.appendChild(node("line", { x1: 0, x2: 28, y1: legendY - 5, y2: legendY - 5, class: "mrp-svg__line", "stroke-dasharray": style.dash }))
      svg.appendChild(marker(style.marker, 14, legendY - 5))
      svg.appendChild(node("text", { x: 38, y: legendY, class: "mrp-svg__label" }, line.label))
    })
    return svg
  }

  /* A plain table: header cells and rows of cell texts; the first cell of each row is a row header. */
  function table(caption, headers, rows) {
    const element = document.createElement("table")
    element.appendChild(document.createElement("caption")).textContent = caption
    const head = element.appendChild(document.createElement("thead")).appendChild(document.createElement("tr"))
    for (const header of headers) {
      const cell = head.appendChild(document.createElement("th"))
      cell.scope = "col"
      cell.textContent = header
    }
    const body = element.appendChild(document.createElement("tbody"))
    for (const row of rows) {
      const tr = body.appendChild(document.createElement("tr"))
      row.forEach((value, index) => {
        const cell = tr.appendChild(document.createElement(index === 0 ? "th" : "td"))
        if (index === 0) cell.scope = "row"
        if (value instanceof Node) cell.appendChild(value)
        else cell.textContent = value
      })
    }
    return element
  }

  return { bars, trend, table }
})()

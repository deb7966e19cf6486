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

  function frame(width, height, title, description) {
    const id = "mrp-chart-" + Math.random().toString(36).slice(2, 8)
    const svg = node("svg", {
      viewBox: "0 0 " + width + " " + height, role: "img", class: "mrp-svg",
      "aria-labelledby": id + "-title " + id + "-desc"
    })
    svg.appendChild(node("title", { id: id + "-title" }, title))
    svg.appendChild(node("desc", { id: id + "-desc" }, description))
    return svg
  }

  /* rows: [{label, score: 0..1 or null, threshold: 0..1 or null, indent: bool}] */
  function bars(rows, title, description) {
    const rowHeight = 26
    const labelWidth = 250
    const barWidth = 300
    const svg = frame(labelWidth + barWidth + 70, rows.length * rowHeight + 10, title, description)
    rows.forEach((row, index) => {
      const y = index * rowHeight + 5
      svg.appendChild(node("text", { x: row.indent ? 16 : 0, y: y + 17, class: row.indent ? "mrp-svg__label" : "mrp-svg__label mrp-svg__label--strong" }, row.label))
      svg.appendChild(node("rect", { x: labelWidth, y: y + 4, width: barWidth, height: 16, class: "mrp-svg__track" }))
      if (row.score !== null) {
        svg.appendChild(node("rect", { x: labelWidth, y: y + 4, width: Math.max(1, barWidth * row.score), height: 16, class: row.indent ? "mrp-svg__bar mrp-svg__bar--section" : "mrp-svg__bar" }))
      }
      if (row.threshold !== null && row.threshold !== undefined) {
        const x = labelWidth + barWidth * row.threshold
        svg.appendChild(node("line", { x1: x, x2: x, y1: y, y2: y + 24, class: "mrp-svg__threshold" }))
      }
      const value = row.score === null ? "n/a" : Math.round(row.score * 100) + "%"
      svg.appendChild(node("text", { x: labelWidth + barWidth + 8, y: y + 17, class: "mrp-svg__label" }, value))
    })
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

  /* points: x labels; series: [{label, values: [0..1 or null]}] */
  function trend(points, series, title, description) {
    const width = 620
    const height = 230
    const left = 40
    const top = 10
    const plotWidth = 420
    const plotHeight = 160
    const svg = frame(width, height, title, description)
    for (const tick of [0, 0.5, 1]) {
      const y = top + plotHeight * (1 - tick)
      svg.appendChild(node("line", { x1: left, x2: left + plotWidth, y1: y, y2: y, class: "mrp-svg__grid" }))
      svg.appendChild(node("text", { x: 0, y: y + 4, class: "mrp-svg__label" }, Math.round(tick * 100) + "%"))
    }
    const step = points.length > 1 ? plotWidth / (points.length - 1) : 0
    points.forEach((label, index) => {
      svg.appendChild(node("text", { x: left + step * index, y: top + plotHeight + 20, class: "mrp-svg__label mrp-svg__label--small", "text-anchor": "middle" }, label))
    })
    series.forEach((line, seriesIndex) => {
      const style = SERIES_STYLES[seriesIndex % SERIES_STYLES.length]
      const coordinates = line.values.map((value, index) => value === null ? null : [left + step * index, top + plotHeight * (1 - value)])
      const drawn = coordinates.filter(Boolean)
      if (drawn.length > 1) {
        svg.appendChild(node("polyline", { points: drawn.map(pair => pair.join(",")).join(" "), class: "mrp-svg__line", "stroke-dasharray": style.dash }))
      }
      for (const pair of drawn) svg.appendChild(marker(style.marker, pair[0], pair[1]))
      const legendY = top + 14 + seriesIndex * 22
      svg.appendChild(node("line", { x1: left + plotWidth + 16, x2: left + plotWidth + 40, y1: legendY - 4, y2: legendY - 4, class: "mrp-svg__line", "stroke-dasharray": style.dash }))
      svg.appendChild(marker(style.marker, left + plotWidth + 28, legendY - 4))
      svg.appendChild(node("text", { x: left + plotWidth + 46, y: legendY, class: "mrp-svg__label mrp-svg__label--small" }, line.label))
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

// The last 24 hours as bars (incidents opened) with the share of I and S attended within target
// as marks above them: an SVG, so it scales to a wall display.
import type { Picture } from "../../api/types";
import { percent } from "../../control/format";

const NS = "http://www.w3.org/2000/svg";
const hourOf = (iso: string): string =>
  new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

function el(tag: string, attributes: Record<string, string | number>, text?: string): SVGElement {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attributes)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export function hourChart(picture: Picture): SVGSVGElement {
  const width = 720, height = 200, left = 30, bottom = 24, top = 16;
  const svg = el("svg", { viewBox: `0 0 ${width} ${height}`, class: "hour-chart", role: "img",
    "aria-label": "Incidents opened each hour of the last 24, and the share attended within target" }) as SVGSVGElement;
  const hours = picture.by_hour;
  const most = Math.max(1, ...hours.map((x) => x.opened));
  const step = (width - left) / hours.length;
  const plot = height - bottom - top;
  svg.append(el("text", { x: 0, y: top, class: "axis" }, String(most)));
  hours.forEach((hour, n) => {
    const x = left + n * step;
    const barHeight = (hour.opened / most) * plot;
    const bar = el("rect", { x: x + 2, y: height - bottom - barHeight, width: step - 4, height: barHeight, class: "bar" });
    const i = hour.performance.I, s = hour.performance.S;
    bar.append(el("title", {}, `${hourOf(hour.from)}: ${hour.opened} opened; I within target ${percent(i.share)} (${i.within_target}/${i.decided}); S ${percent(s.share)} (${s.within_target}/${s.decided})`));
    svg.append(bar);
    for (const [share, cls] of [[i.share, "mark-I"], [s.share, "mark-S"]] as const) {
      if (share === null) continue;
      svg.append(el("circle", { cx: x + step / 2, cy: top + (1 - share) * plot, r: 3.5, class: cls }));
    }
    if (n % 3 === 0) svg.append(el("text", { x: x + 2, y: height - 6, class: "axis" }, hourOf(hour.from)));
  });
  return svg;
}

/** Small SVG helpers for the charts: escaping, a width estimate for text, truncation. */

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A label drawn on a chart, with the box it is drawn in (the tests look at those pixels). */
export interface LabelBox extends Box {
  text: string;
}

/** An SVG document and what is drawn where. */
export interface ChartSvg {
  svg: string;
  width: number;
  height: number;
  labels: LabelBox[];
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Estimated advance of one character in ems: CJK and full-width forms are square, Latin narrower. */
function advance(ch: string): number {
  const code = ch.codePointAt(0)!;
  if (code >= 0x2e80) return 1;
  if (/[A-Z0-9%]/.test(ch)) return 0.62;
  if (/[ilj.,:;|'!()\[\]]/.test(ch)) return 0.3;
  return 0.55;
}

/** An upper estimate of the width of `text` at `size` px (the bundled font's metrics, roughly). */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += advance(ch);
  return em * size;
}

/** `text` cut with an ellipsis so that it fits `max` px at `size`. */
export function fit(text: string, size: number, max: number): string {
  if (textWidth(text, size) <= max) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(`${chars.join("")}…`, size) > max) chars.pop();
  return `${chars.join("")}…`;
}

export function text(x: number, y: number, content: string, attrs: Record<string, string | number> = {}): string {
  const extra = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${esc(String(v))}"`)
    .join("");
  return `<text x="${x}" y="${y}"${extra}>${esc(content)}</text>`;
}

export function rect(box: Box, fill: string, extra = ""): string {
  return `<rect x="${r(box.x)}" y="${r(box.y)}" width="${r(Math.max(0, box.width))}" height="${r(box.height)}" fill="${fill}"${extra}/>`;
}

export const r = (n: number) => Math.round(n * 10) / 10;

/** The whole document: a white page, the chart's font as the default family. */
export function document(width: number, height: number, family: string, body: string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${esc(family)}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    ...body,
    "</svg>",
  ].join("\n");
}

/** A round step for an axis from 0 to `max` with about `ticks` intervals. */
export function niceStep(max: number, ticks = 5): number {
  if (max <= 0) return 1;
  const raw = max / ticks;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw)!;
  return Math.max(1, step);
}

/** The chart's title and subtitle at the top left. */
export function heading(body: string[], pad: number, title: string, subtitle: string): void {
  body.push(text(pad, pad + 22, title, { "font-size": 22, fill: "#1f2328" }));
  body.push(text(pad, pad + 46, subtitle, { "font-size": 13, fill: "#57606a" }));
}

/** A legend row of colour swatches with their names from (x, y); answers the x after the last entry and its gap. */
export function swatches(body: string[], entries: Array<{ name: string; colour: string }>, x: number, y: number, gap: number): number {
  for (const { name, colour } of entries) {
    body.push(rect({ x, y, width: 14, height: 14 }, colour, ' rx="2"'));
    body.push(text(x + 20, y + 12, name, { "font-size": 13, fill: "#1f2328" }));
    x += 20 + textWidth(name, 13) + gap;
  }
  return x;
}

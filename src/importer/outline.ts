import type { ImportWarning } from "./types.ts";
import { ATTACHMENT_LINE } from "./documents.ts";
import type { Line } from "./lines.ts";
import { parseDamagedHeading, parseMarker, type Marker } from "./markers.ts";

/** A numbered item, a box (`专栏3 …`) or the document root. */
export interface OutlineNode {
  kind: "root" | "item" | "box";
  rank: number;
  value: number;
  /** First line (the marker line; for a box its heading). */
  line: Line;
  /** Marker as written (`（十四）`, `1.`). */
  label: string;
  /** Text after the marker on the first line, in the document's script. */
  head: string;
  headNorm: string;
  /** Following lines that belong to this node and none of its children. */
  body: Line[];
  children: OutlineNode[];
  /** Boxes that follow this item before the next item. */
  boxes: OutlineNode[];
  parent: OutlineNode | null;
}

export interface Outline {
  root: OutlineNode;
  /** Lines from the first `附件` line on. */
  attachments: Line[];
  warnings: ImportWarning[];
}

const BOX = /^(专栏|附表|表)\s*([0-9]{1,2}|[一二三四五六七八九十]{1,3})(?=\s|:|$)/;
const CLOSING = /^(特此通知|特此函告|此复)[.]?$/;

function node(kind: OutlineNode["kind"], line: Line, marker: Marker | null, parent: OutlineNode | null): OutlineNode {
  const offset = marker?.offset ?? 0;
  return {
    kind,
    rank: marker?.rank ?? (kind === "root" ? 0 : 99),
    value: marker?.value ?? 0,
    line,
    label: line.text.slice(0, offset).trim(),
    head: line.text.slice(offset).trim(),
    headNorm: line.norm.slice(offset).trim(),
    body: [],
    children: [],
    boxes: [],
    parent,
  };
}

/**
 * Builds the item tree of one document body. Ranks follow Chinese convention (`一、` > `（一）` >
 * `1.` > `（1）` > `①`); boxes keep their own numbered lines; everything from the first `附件`
 * line on is returned apart. A heading damaged by stray characters is repaired in `body` itself.
 */
export function buildOutline(body: Line[], skip: Set<number>): Outline {
  const warnings: ImportWarning[] = [];
  const root = node("root", body[0] ?? { no: 0, text: "", norm: "" }, null, null);
  const stack: OutlineNode[] = [root];
  const lastValue: Record<number, number> = {};
  let box: { node: OutlineNode; after: OutlineNode; inner: Record<number, number> } | null = null;
  for (let i = 0; i < body.length; i++) {
    const line = body[i]!;
    if (skip.has(line.no) || CLOSING.test(line.norm)) continue;
    if (ATTACHMENT_LINE.test(line.norm) && stack.length > 1) {
      return { root, attachments: body.slice(i).filter((l) => !skip.has(l.no)), warnings };
    }
    let marker = parseMarker(line.norm);
    if (!marker) {
      const damaged = parseDamagedHeading(line.norm, (lastValue[1] ?? 0) + 1);
      if (damaged) {
        const { at, junk } = damaged;
        warnings.push({ line: line.no, message: `stray characters “${line.text.slice(at, at + junk.length)}” in heading removed` });
        const remove = (s: string): string => s.slice(0, at) + s.slice(at + junk.length);
        body[i] = { no: line.no, text: remove(line.text), norm: remove(line.norm) };
        marker = { ...damaged.marker, offset: damaged.marker.offset - junk.length };
      }
    }
    const current = body[i]!;
    if (BOX.test(current.norm)) {
      const after = stack[stack.length - 1]!;
      const boxNode = node("box", current, null, after);
      after.boxes.push(boxNode);
      box = { node: boxNode, after, inner: {} };
      continue;
    }
    if (box) {
      if (!marker || !leavesBox(marker, box.after, box.inner, lastValue)) {
        if (marker) box.inner[marker.rank] = marker.value;
        box.node.body.push(current);
        continue;
      }
      box = null;
    }
    if (!marker) {
      stack[stack.length - 1]!.body.push(current);
      continue;
    }
    while (stack.length > 1 && stack[stack.length - 1]!.rank >= marker.rank) stack.pop();
    const parent = stack[stack.length - 1]!;
    const item = node("item", current, marker, parent);
    parent.children.push(item);
    stack.push(item);
    lastValue[marker.rank] = marker.value;
    for (const r of [2, 3, 4, 5]) if (r > marker.rank && marker.rank === 1) delete lastValue[r];
  }
  return { root, attachments: [], warnings };
}

function leavesBox(marker: Marker, after: OutlineNode, inner: Record<number, number>, lastValue: Record<number, number>): boolean {
  if (marker.rank < after.rank) return true;
  if ((inner[marker.rank] ?? 0) > 0 && marker.value === inner[marker.rank]! + 1) return false;
  if (after.kind === "root") return marker.rank <= 2 && marker.value === (lastValue[marker.rank] ?? 0) + 1;
  if (marker.rank === after.rank) return marker.value === (lastValue[marker.rank] ?? 0) + 1;
  const lastChild = after.children.filter((c) => c.rank === marker.rank).at(-1);
  return lastChild !== undefined && marker.value === lastChild.value + 1;
}

/** Every item node under a node, depth first, in document order. */
export function itemsOf(n: OutlineNode): OutlineNode[] {
  const out: OutlineNode[] = [];
  const walk = (x: OutlineNode): void => {
    for (const child of x.children) {
      out.push(child);
      walk(child);
    }
  };
  walk(n);
  return out;
}

/** All lines of a node's subtree (own lines, children and, when asked, boxes) in document order. */
export function subtreeLines(n: OutlineNode, withBoxes: boolean): Line[] {
  const out: Line[] = n.kind === "root" ? [...n.body] : [n.line, ...n.body];
  for (const child of n.children) out.push(...subtreeLines(child, withBoxes));
  if (withBoxes) for (const b of n.boxes) out.push(b.line, ...b.body);
  return out.sort((a, b) => a.no - b.no);
}

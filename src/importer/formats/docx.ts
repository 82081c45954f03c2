import { ImportError } from "../types.ts";
import { Numbering } from "./numbering.ts";
import { tableLines } from "./table-text.ts";
import { child, childVal, descendants, elements, parseXml, type XmlElement } from "./xml.ts";
import { partText, readZip } from "./zip.ts";

/** Paragraph style → its numbering (`w:style/w:pPr/w:numPr`), following `w:basedOn`. */
interface StyleInfo {
  numId?: string;
  ilvl?: number;
  basedOn?: string;
}

function readStyles(xml: string | null): Map<string, StyleInfo> {
  const styles = new Map<string, StyleInfo>();
  if (!xml) return styles;
  for (const s of elements(parseXml(xml), "style")) {
    const numPr = child(child(s, "pPr") ?? s, "numPr");
    const ilvl = childVal(numPr, "ilvl");
    const info: StyleInfo = {};
    const numId = childVal(numPr, "numId");
    if (numId !== undefined) info.numId = numId;
    if (ilvl !== undefined) info.ilvl = Number(ilvl);
    const basedOn = childVal(s, "basedOn");
    if (basedOn !== undefined) info.basedOn = basedOn;
    styles.set(s.attrs.styleId ?? "", info);
  }
  return styles;
}

function styleNumbering(styles: Map<string, StyleInfo>, id: string | undefined): { numId?: string; ilvl?: number } {
  const out: { numId?: string; ilvl?: number } = {};
  for (let guard = 0; id !== undefined && guard < 20; guard++) {
    const s = styles.get(id);
    if (!s) break;
    if (out.numId === undefined && s.numId !== undefined) out.numId = s.numId;
    if (out.ilvl === undefined && s.ilvl !== undefined) out.ilvl = s.ilvl;
    id = s.basedOn;
  }
  return out;
}

/** Reads a Word document part into lines of text, tables through `tableLines`. */
class BodyReader {
  readonly lines: string[] = [];

  constructor(
    private readonly numbering: Numbering,
    private readonly styles: Map<string, StyleInfo>,
  ) {}

  block(el: XmlElement): void {
    for (const c of elements(el)) {
      if (c.name === "p") this.lines.push(...this.paragraph(c).split("\n"));
      else if (c.name === "tbl") this.lines.push(...tableLines(this.table(c)));
      else if (c.name === "sdt") this.block(child(c, "sdtContent") ?? c);
      else if (c.name === "customXml" || c.name === "ins" || c.name === "smartTag") this.block(c);
      else if (c.name === "AlternateContent") this.block(child(c, "Choice") ?? c);
    }
  }

  /** A paragraph's text with its list label in front, as Word displays it. */
  paragraph(p: XmlElement): string {
    const pPr = child(p, "pPr");
    const own = child(pPr ?? p, "numPr");
    const fromStyle = styleNumbering(this.styles, childVal(pPr, "pStyle"));
    const numId = childVal(own, "numId") ?? fromStyle.numId;
    const ilvl = Number(childVal(own, "ilvl") ?? fromStyle.ilvl ?? 0);
    const text = this.runs(p);
    if (numId === undefined || numId === "0") return text;
    const label = this.numbering.next(numId, ilvl);
    if (label === null) return text;
    return /[\p{P}\s]$/u.test(label) || text === "" ? `${label}${text}` : `${label} ${text}`;
  }

  private runs(el: XmlElement): string {
    let out = "";
    for (const c of el.children) {
      if (typeof c === "string") continue;
      switch (c.name) {
        case "t":
          out += c.children.filter((x): x is string => typeof x === "string").join("");
          break;
        case "tab":
          out += "\t";
          break;
        case "br":
          if (c.attrs.type !== "page" && c.attrs.type !== "column") out += "\n";
          break;
        case "cr":
          out += "\n";
          break;
        case "noBreakHyphen":
          out += "-";
          break;
        case "sym":
          break;
        case "pPr":
        case "rPr":
        case "del":
        case "delText":
        case "instrText":
        case "fldData":
        case "drawing":
        case "pict":
        case "object":
        case "footnoteReference":
        case "endnoteReference":
        case "commentReference":
          break;
        case "AlternateContent":
          break;
        default:
          out += this.runs(c);
      }
    }
    return out;
  }

  private table(tbl: XmlElement): string[][] {
    const rows: string[][] = [];
    for (const tr of descendantsRows(tbl)) {
      const row: string[] = [];
      const before = Number(childVal(child(tr, "trPr"), "gridBefore") ?? "0");
      for (let i = 0; i < before; i++) row.push("");
      for (const tc of elements(tr, "tc").concat(elements(tr, "sdt").flatMap((s) => elements(child(s, "sdtContent") ?? s, "tc")))) {
        const tcPr = child(tc, "tcPr");
        const span = Math.max(1, Number(childVal(tcPr, "gridSpan") ?? "1"));
        const vMerge = tcPr ? child(tcPr, "vMerge") : undefined;
        const column = row.length;
        let text: string;
        if (vMerge && vMerge.attrs.val !== "restart") {
          // A continued vertical merge shows the cell above.
          text = rows.at(-1)?.[column] ?? "";
        } else {
          const inner = new BodyReader(this.numbering, this.styles);
          inner.block(tc);
          text = inner.lines.map((l) => l.trim()).filter((l) => l !== "").join("\n");
        }
        for (let i = 0; i < span; i++) row.push(text);
      }
      rows.push(row);
    }
    return rows;
  }
}

function descendantsRows(tbl: XmlElement): XmlElement[] {
  return elements(tbl).flatMap((c) => (c.name === "tr" ? [c] : c.name === "sdt" || c.name === "customXml" ? descendants(c, "tr") : []));
}

/**
 * Decodes a .docx: body paragraphs in order with Word's automatic numbering as displayed, tables
 * as tables; headers, footers (page numbers), comments and deleted text are left out.
 */
export function decodeDocx(bytes: Uint8Array): string {
  const parts = readZip(bytes, (n) => n === "word/document.xml" || n === "word/numbering.xml" || n === "word/styles.xml");
  const documentXml = partText(parts, "word/document.xml");
  if (!documentXml) throw new ImportError("binary", "the .docx file has no document body (word/document.xml)");
  let root: XmlElement;
  let numberingRoot: XmlElement | null;
  let styles: Map<string, StyleInfo>;
  try {
    root = parseXml(documentXml);
    styles = readStyles(partText(parts, "word/styles.xml"));
    const numberingXml = partText(parts, "word/numbering.xml");
    numberingRoot = numberingXml ? parseXml(numberingXml) : null;
  } catch (err) {
    throw new ImportError("binary", `the .docx file is damaged: ${(err as Error).message}`);
  }
  const numbering = new Numbering(numberingRoot, (id) => styles.get(id)?.numId);
  const body = child(root, "body");
  if (!body) throw new ImportError("binary", "the .docx file has no document body");
  const reader = new BodyReader(numbering, styles);
  reader.block(body);
  return reader.lines.join("\n");
}

import { child, descendants, elements, parseXml, textOf, type XmlElement } from "../../src/importer/formats/xml.ts";
import { partText, readZip } from "../../src/importer/formats/zip.ts";

/** What a reader of a workbook sees: per sheet, the cells, the view and the formatting rules. */
export interface ReadSheet {
  name: string;
  /** Cell values by row (0 = header), strings and numbers as stored. */
  rows: (string | number)[][];
  frozenRows: number;
  autoFilter: string | null;
  widths: number[];
  /** "Cell equals" rules: the compared text, the column letter range and the fill colour (RRGGBB). */
  conditional: { equals: string; sqref: string; fill: string; font: string }[];
  headerBold: boolean;
}

const colIndex = (ref: string) => [...(/^[A-Z]+/.exec(ref)?.[0] ?? "")].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;

/**
 * Reads an .xlsx with the project's own zip and XML readers (src/importer/formats): an
 * independent check of what Duban's writer produced (every part must parse, every relation
 * must resolve).
 */
export function readWorkbook(bytes: Uint8Array): ReadSheet[] {
  const parts = readZip(bytes, () => true);
  const text = (name: string) => {
    const t = partText(parts, name);
    if (t === null) throw new Error(`missing part ${name}`);
    return t;
  };
  const types = text("[Content_Types].xml");
  const rootRels = parseXml(text("_rels/.rels"));
  const main = descendants(rootRels, "Relationship").find((r) => r.attrs.Type?.endsWith("/officeDocument"))!.attrs.Target!;
  const workbook = parseXml(text(main));
  const rels = new Map(descendants(parseXml(text("xl/_rels/workbook.xml.rels")), "Relationship").map((r) => [r.attrs.Id!, r.attrs.Target!]));
  const styles = parseXml(text("xl/styles.xml"));
  const dxfs = elements(child(styles, "dxfs")!, "dxf");
  const fonts = elements(child(styles, "fonts")!, "font");
  const xfs = elements(child(styles, "cellXfs")!, "xf");
  return descendants(workbook, "sheet").map((s) => {
    const path = `xl/${rels.get(s.attrs.id!)!}`;
    if (!types.includes(`PartName="/${path}"`)) throw new Error(`${path} has no content type`);
    const sheet = parseXml(text(path));
    const rows: (string | number)[][] = [];
    let headerBold = false;
    for (const row of descendants(sheet, "row")) {
      const r = Number(row.attrs.r) - 1;
      for (const c of elements(row, "c")) {
        const col = colIndex(c.attrs.r!);
        const value = c.attrs.t === "inlineStr" ? descendants(c, "t").map(textOf).join("") : child(c, "v") ? Number(textOf(child(c, "v")!)) : "";
        (rows[r] ??= [])[col] = value;
        if (r === 0 && col === 0) headerBold = child(fonts[Number(xfs[Number(c.attrs.s ?? 0)]!.attrs.fontId ?? 0)]!, "b") !== undefined;
      }
    }
    const pane = descendants(sheet, "pane")[0];
    const conditional = descendants(sheet, "conditionalFormatting").flatMap((cf) =>
      elements(cf, "cfRule").map((rule) => {
        const dxf = dxfs[Number(rule.attrs.dxfId)]!;
        const colour = (el: XmlElement | undefined) => (el?.attrs.rgb ?? "").slice(2);
        return {
          equals: textOf(child(rule, "formula")!).replace(/^"|"$/g, ""),
          sqref: cf.attrs.sqref!,
          fill: colour(descendants(dxf, "bgColor")[0]),
          font: colour(descendants(dxf, "color")[0]),
        };
      }),
    );
    return {
      name: s.attrs.name!,
      rows: Array.from(rows, (r) => Array.from(r ?? [], (v) => v ?? "")),
      frozenRows: pane?.attrs.state === "frozen" ? Number(pane.attrs.ySplit ?? 0) : 0,
      autoFilter: descendants(sheet, "autoFilter")[0]?.attrs.ref ?? null,
      widths: descendants(sheet, "col").map((c) => Number(c.attrs.width)),
      conditional,
      headerBold,
    };
  });
}

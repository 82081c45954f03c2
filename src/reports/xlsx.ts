import { strToU8, zipSync, type Zippable } from "fflate";

/**
 * A small .xlsx (SpreadsheetML) writer on fflate: inline strings and numbers, a bold shaded
 * header row, frozen panes, column widths, an autofilter and "cell equals" conditional fills.
 * Enough for Duban's 督办台账; nothing here reads a workbook.
 */

export type Cell = string | number | null;

export interface ConditionalFill {
  /** 0-based column the rule applies to (data rows only). */
  column: number;
  /** The cell text that gets the colour. */
  equals: string;
  /** Background and text colours, `RRGGBB`. */
  fill: string;
  font: string;
}

export interface SheetSpec {
  /** At most 31 characters, none of `[]:*?/\`. */
  name: string;
  columns: { header: string; width: number; wrap?: boolean }[];
  rows: Cell[][];
  /** Keep the header row in view while scrolling (default true). */
  freezeHeader?: boolean;
  /** Filter buttons on the header row (default true). */
  autoFilter?: boolean;
  conditional?: ConditionalFill[];
}

const MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** XML text: escaped, and without the control characters XML 1.0 cannot carry. */
export function xmlText(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}

/** 0 → A, 25 → Z, 26 → AA. */
export function columnName(index: number): string {
  let n = index + 1;
  let out = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const STYLE = { normal: 0, header: 1, wrap: 2 } as const;
/** Excel keeps at most 32,767 characters in a cell. */
const CELL_MAX = 32_767;

function cellXml(ref: string, value: Cell, style: number): string {
  const s = style ? ` s="${style}"` : "";
  if (value === null || value === "") return style ? `<c r="${ref}"${s}/>` : "";
  if (typeof value === "number") return Number.isFinite(value) ? `<c r="${ref}"${s}><v>${value}</v></c>` : "";
  const text = value.length > CELL_MAX ? `${value.slice(0, CELL_MAX - 1)}…` : value;
  return `<c r="${ref}"${s} t="inlineStr"><is><t xml:space="preserve">${xmlText(text)}</t></is></c>`;
}

function sheetXml(sheet: SheetSpec, dxfOf: (c: ConditionalFill) => number, selected: boolean): string {
  const width = sheet.columns.length;
  const last = columnName(Math.max(0, width - 1));
  const lastRow = sheet.rows.length + 1;
  const range = `A1:${last}${lastRow}`;
  const freeze = sheet.freezeHeader ?? true;
  const view = freeze
    ? `<sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ""}><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView>`
    : `<sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ""}/>`;
  const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join("");
  const header = `<row r="1">${sheet.columns.map((c, i) => cellXml(`${columnName(i)}1`, c.header, STYLE.header)).join("")}</row>`;
  const body = sheet.rows
    .map((row, r) => {
      const cells = sheet.columns.map((c, i) => cellXml(`${columnName(i)}${r + 2}`, row[i] ?? null, c.wrap ? STYLE.wrap : STYLE.normal)).join("");
      return `<row r="${r + 2}">${cells}</row>`;
    })
    .join("");
  const filter = (sheet.autoFilter ?? true) ? `<autoFilter ref="${range}"/>` : "";
  let priority = 0;
  const byColumn = new Map<number, ConditionalFill[]>();
  for (const c of sheet.conditional ?? []) byColumn.set(c.column, [...(byColumn.get(c.column) ?? []), c]);
  const conditional = sheet.rows.length
    ? [...byColumn]
        .map(([column, rules]) => {
          const col = columnName(column);
          const cf = rules
            .map((c) => `<cfRule type="cellIs" dxfId="${dxfOf(c)}" priority="${++priority}" operator="equal"><formula>"${xmlText(c.equals.replace(/"/g, '""'))}"</formula></cfRule>`)
            .join("");
          return `<conditionalFormatting sqref="${col}2:${col}${lastRow}">${cf}</conditionalFormatting>`;
        })
        .join("")
    : "";
  return (
    `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">` +
    `<dimension ref="${range}"/><sheetViews>${view}</sheetViews><sheetFormatPr defaultRowHeight="15"/>` +
    `<cols>${cols}</cols><sheetData>${header}${body}</sheetData>${filter}${conditional}` +
    `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
  );
}

function stylesXml(dxfs: ConditionalFill[]): string {
  const font = (bold: boolean) => `<font>${bold ? "<b/>" : ""}<sz val="11"/><name val="等线"/><family val="2"/><charset val="134"/></font>`;
  const dxf = dxfs
    .map((d) => `<dxf><font><color rgb="FF${d.font}"/></font><fill><patternFill patternType="solid"><fgColor rgb="FF${d.fill}"/><bgColor rgb="FF${d.fill}"/></patternFill></fill></dxf>`)
    .join("");
  return (
    `${HEAD}<styleSheet xmlns="${MAIN}">` +
    `<fonts count="2">${font(false)}${font(true)}</fonts>` +
    `<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>` +
    `<fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill></fills>` +
    `<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>` +
    `<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` +
    `<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
    `<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf>` +
    `<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>` +
    `<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>` +
    `<dxfs count="${dxfs.length}">${dxf}</dxfs></styleSheet>`
  );
}

/** The workbook's bytes (a zip of SpreadsheetML parts). */
export function writeXlsx(sheets: SheetSpec[]): Uint8Array {
  if (!sheets.length) throw new Error("a workbook needs a sheet");
  for (const s of sheets) if (!s.name || s.name.length > 31 || /[[\]:*?/\\]/.test(s.name)) throw new Error(`bad sheet name: ${s.name}`);
  const dxfs: ConditionalFill[] = [];
  const dxfKey = new Map<string, number>();
  const dxfOf = (c: ConditionalFill) => {
    const key = `${c.fill}/${c.font}`;
    if (!dxfKey.has(key)) dxfKey.set(key, dxfs.push(c) - 1);
    return dxfKey.get(key)!;
  };
  const files: Zippable = {};
  sheets.forEach((s, i) => (files[`xl/worksheets/sheet${i + 1}.xml`] = strToU8(sheetXml(s, dxfOf, i === 0))));
  const quoted = (name: string) => `'${name.replace(/'/g, "''")}'`;
  const names = sheets
    .map((s, i) =>
      (s.autoFilter ?? true)
        ? `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${xmlText(quoted(s.name))}!$A$1:$${columnName(Math.max(0, s.columns.length - 1))}$${s.rows.length + 1}</definedName>`
        : "",
    )
    .join("");
  files["xl/workbook.xml"] = strToU8(
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>` +
      sheets.map((s, i) => `<sheet name="${xmlText(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join("") +
      `</sheets>${names ? `<definedNames>${names}</definedNames>` : ""}</workbook>`,
  );
  files["xl/styles.xml"] = strToU8(stylesXml(dxfs));
  files["xl/_rels/workbook.xml.rels"] = strToU8(
    `${HEAD}<Relationships xmlns="${PKG_REL}">` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  );
  files["_rels/.rels"] = strToU8(`${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`);
  files["[Content_Types].xml"] = strToU8(
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
      sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join("") +
      `<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
  );
  // A fixed timestamp: the same workbook gives the same bytes.
  return zipSync(files, { level: 6, mtime: new Date("2000-01-01T00:00:00Z") });
}

export const XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** RFC 4180 CSV with a UTF-8 BOM (so Excel opens Chinese text correctly), CRLF line ends. */
export function writeCsv(header: string[], rows: Cell[][]): Uint8Array {
  const field = (v: Cell) => {
    if (v === null) return "";
    if (typeof v === "number") return String(v);
    // Text that a spreadsheet would run as a formula is kept as text.
    const s = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [header, ...rows].map((r) => r.map(field).join(","));
  return strToU8(`\uFEFF${lines.join("\r\n")}\r\n`);
}

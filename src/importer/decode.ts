import chardet from "chardet";
import iconv from "iconv-lite";
import { ImportError } from "./types.ts";

export interface DecodedDocument {
  text: string;
  encoding: string;
  /** Byte sequences the chosen encoding could not map (shown as U+FFFD, then removed). */
  replaced: number;
}

const MAGIC: { bytes: number[]; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "a PDF file" },
  { bytes: [0x50, 0x4b, 0x03, 0x04], what: "a ZIP archive (a .docx/.xlsx file?)" },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], what: "an old Office file (.doc/.xls)" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], what: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "a GIF image" },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: "an RTF file" },
  { bytes: [0x1f, 0x8b], what: "a gzip archive" },
];

const CJK_ENCODINGS = new Set(["GB18030", "Big5", "EUC-JP", "Shift_JIS", "EUC-KR", "ISO-2022-CN"]);
// Frequent characters in plan documents, Simplified and Traditional: used to choose between
// decodings that are all technically valid.
const COMMON = new Set(
  [..."的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龍與會為國發們這個來時對說經學進過區應實現問關點開動當從後於麼產權務計劃區單負責執選頭縣監廣東創業運營"],
);

function startsWith(bytes: Buffer, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function controlRatio(text: string): number {
  if (text.length === 0) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d && c !== 0x0c) || c === 0x7f) bad++;
  }
  return bad / text.length;
}

function countOf(text: string, ch: string): number {
  let n = 0;
  for (const c of text) if (c === ch) n++;
  return n;
}

function commonScore(text: string): number {
  let n = 0;
  for (const c of text) if (COMMON.has(c)) n++;
  return n;
}

function decodeAs(bytes: Buffer, encoding: string): DecodedDocument {
  const raw = iconv.decode(bytes, encoding);
  return { text: raw, encoding, replaced: countOf(raw, "\uFFFD") };
}

function plausibleText(text: string): boolean {
  let good = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09 || (c >= 0x3000 && c <= 0x9fff) || (c >= 0xff00 && c <= 0xffef)) good++;
  }
  return text.length > 0 && good / text.length >= 0.9;
}

// UTF-16 without a BOM: NUL bytes only on one side of each pair, and readable when decoded.
function utf16WithoutBom(bytes: Buffer): DecodedDocument | null {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return null;
  let evenZero = 0;
  let oddZero = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (bytes[i] === 0) evenZero++;
    if (bytes[i + 1] === 0) oddZero++;
  }
  const zeros = evenZero + oddZero;
  const encoding = zeros === 0 ? null : oddZero >= zeros * 0.8 ? "utf16le" : evenZero >= zeros * 0.8 ? "utf16be" : null;
  if (!encoding) return null;
  const decoded = decodeAs(bytes, encoding);
  return plausibleText(decoded.text) ? decoded : null;
}

function rejectBinary(text: string, encoding: string): void {
  if (text.includes("\u0000") || controlRatio(text) > 0.02) {
    throw new ImportError("binary", `the file looks binary, not text (decoded as ${encoding})`);
  }
}

/**
 * Decodes a plan document with its encoding and what could not be decoded. Throws ImportError
 * ("binary" or "undecodable") when the bytes are not a text document.
 */
export function decodeDocumentDetailed(bytes: Buffer): DecodedDocument {
  if (bytes.length === 0) return { text: "", encoding: "utf-8", replaced: 0 };
  for (const magic of MAGIC) {
    if (startsWith(bytes, magic.bytes)) {
      throw new ImportError("binary", `the file is ${magic.what}, not a plan document (Duban reads text, .docx, .pdf, .xlsx and .doc files)`);
    }
  }
  let result: DecodedDocument | null = null;
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) result = decodeAs(bytes.subarray(3), "utf-8");
  else if (startsWith(bytes, [0xff, 0xfe])) result = decodeAs(bytes.subarray(2), "utf16le");
  else if (startsWith(bytes, [0xfe, 0xff])) result = decodeAs(bytes.subarray(2), "utf16be");
  else {
    result = utf16WithoutBom(bytes);
  }
  if (result === null && bytes.includes(0)) {
    throw new ImportError("binary", "the file contains NUL bytes: it is binary, not text");
  }
  if (result === null) {
    try {
      result = { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), encoding: "utf-8", replaced: 0 };
    } catch {
      result = null;
    }
  }
  if (result === null) result = decodeLegacy(bytes);
  rejectBinary(result.text, result.encoding);
  return result;
}

function decodeLegacy(bytes: Buffer): DecodedDocument {
  const guesses = chardet
    .analyse(bytes)
    .filter((m) => CJK_ENCODINGS.has(m.name) && m.confidence > 0)
    .map((m) => m.name);
  const candidates = [...new Set(["GB18030", "Big5", ...guesses])];
  let best: DecodedDocument | null = null;
  let bestScore = -Infinity;
  for (const name of candidates) {
    if (!iconv.encodingExists(name)) continue;
    const decoded = decodeAs(bytes, name);
    const han = (decoded.text.match(/[\u4e00-\u9fff]/g) ?? []).length;
    const score = commonScore(decoded.text) * 2 + han * 0.1 - decoded.replaced * 5 + (guesses[0] === name ? 1 : 0);
    if (score > bestScore) {
      best = decoded;
      bestScore = score;
    }
  }
  const han = best ? (best.text.match(/[\u4e00-\u9fff]/g) ?? []).length : 0;
  if (!best || han === 0 || best.replaced > Math.max(3, best.text.length * 0.01)) {
    throw new ImportError(
      "undecodable",
      "the file is neither UTF-8 nor a Chinese legacy encoding (GB18030/GBK, Big5) that decodes cleanly",
    );
  }
  return best;
}

/** Decodes a plan document: UTF-8 (with or without BOM), UTF-16 (BOM or not), GB18030/GBK, Big5. */
export function decodeDocument(bytes: Buffer): string {
  return decodeDocumentDetailed(bytes).text;
}

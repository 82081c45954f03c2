import type { ImportWarning } from "./types.ts";
import { makeLine, type Line } from "./lines.ts";
import { parseMarker } from "./markers.ts";

/** Facts read from web-page chrome and metadata lines, with the line they came from. */
export interface MetaEntry {
  kind: "issuer" | "date" | "pageDate" | "pageSource";
  value: string;
  line: number;
}

const META_KEYS =
  "来源|信息来源|文章来源|稿件来源|发布机关|发文日期|公开日期|公开方式|有效性|主题词|发布部门|发布机构|发文机关|发文单位|发布单位|发布日期|发布时间|成文日期|印发日期|实施日期|时效性|效力级别|法规类别|主题分类|发文字号|文号|索引号|浏览量|浏览次数|阅读量|阅读|点击|作者|编辑|责任编辑|字号";
const META_LINE = new RegExp(`^[•·\\-*\\s]*(${META_KEYS})\\s*:`);
const META_PAIR = new RegExp(`(${META_KEYS})\\s*:\\s*`, "g");
const ISSUER_KEYS = new Set(["来源", "信息来源", "文章来源", "发布机关", "发布部门", "发布机构", "发文机关", "发文单位", "发布单位"]);
const DATE_KEYS = new Set(["发布日期", "成文日期", "印发日期", "发文日期"]);
const PAGE_DATE_KEYS = new Set(["发布时间", "浏览量", "浏览次数", "阅读量", "阅读", "点击"]);

const CHROME = [
  /^(当前位置|您的位置|你的位置|所在位置)\s*:/,
  /^(首页|主页|网站首页)\s*(>|»|›|\/|-)/,
  /\S\s*(>|»|›)\s*\S.*\s(>|»|›)\s/,
  /\{\{.*\}\}/,
  /^(阅读|浏览|浏览量|阅读量|点击|点击量|访问量)\s*:?\s*\d+/,
  /^(档案全文|文件全文|全文|正文|打印本页|打印|关闭窗口|关闭|返回顶部|返回|分享到:?|扫一扫.*|【?\s*字体\s*:.*|字号\s*:?\s*[大中小\s]+|立即购买.*|联系客服|更多>?|上一篇.*|下一篇.*)$/,
  /^\(?\s*联系人(及电话)?\s*:/,
  /^(\[?\s*(打印|关闭|收藏|分享|保存|返回顶部|字体|字号|大|中|小|默认)\s*\]?\s*)+$/,
  /^分享到/,
  /^(版权所有|copyright|©)/i,
  /(ICP备|网站标识码|公网安备)/,
  /^\(\s*此件(公开发布|不公开|主动公开|依申请公开)\s*\)$/,
];
const FOOTER = /^(相关(文章|阅读|链接|新闻|文件|附件)|推荐(阅读|商标|文章)|你可能感兴趣|猜你喜欢|网站链接|友情链接)/;

function toIsoDate(text: string): string | null {
  const m = /(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})/.exec(text);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export { toIsoDate };

function readMetaPairs(line: Line, meta: MetaEntry[]): void {
  const found: { key: string; start: number; valueStart: number }[] = [];
  for (const m of line.norm.matchAll(META_PAIR)) {
    found.push({ key: m[1]!, start: m.index, valueStart: m.index + m[0].length });
  }
  found.forEach((pair, i) => {
    const end = found[i + 1]?.start ?? line.text.length;
    const value = line.text.slice(pair.valueStart, end).trim();
    if (value === "") return;
    if (ISSUER_KEYS.has(pair.key)) meta.push({ kind: "issuer", value: value.split(/\s+/)[0]!, line: line.no });
    const date = toIsoDate(line.norm.slice(pair.valueStart, end));
    if (date && DATE_KEYS.has(pair.key)) meta.push({ kind: "date", value: date, line: line.no });
    if (date && PAGE_DATE_KEYS.has(pair.key)) meta.push({ kind: "pageDate", value: date, line: line.no });
  });
}

/**
 * Removes web-page chrome (breadcrumbs, view counters, template placeholders, navigation and
 * footers) and metadata lines, keeping what the metadata says.
 */
export function stripChrome(lines: Line[]): { lines: Line[]; meta: MetaEntry[]; warnings: ImportWarning[] } {
  const meta: MetaEntry[] = [];
  const warnings: ImportWarning[] = [];
  const kept: Line[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const norm = line.norm;
    if (FOOTER.test(norm) && norm.length <= 20) {
      const rest = lines.slice(i + 1);
      if (!rest.some((l) => parseMarker(l.norm) !== null)) {
        if (rest.length > 0) {
          warnings.push({ line: line.no, message: `web-page footer from here to the end (${rest.length + 1} lines) ignored` });
        }
        break;
      }
      continue;
    }
    if (META_LINE.test(norm)) {
      readMetaPairs(line, meta);
      continue;
    }
    if (CHROME.some((re) => re.test(norm))) {
      const stamp = /(?:^|\s)(\d{4}-\d{1,2}-\d{1,2})(?:\s|$)/.exec(norm);
      if (stamp && /^(阅读|浏览|点击|访问)/.test(norm)) meta.push({ kind: "pageDate", value: toIsoDate(stamp[1]!)!, line: line.no });
      continue;
    }
    const source = /^\[([^\]]{2,30})\]\s*(.*)$/.exec(norm);
    if (source && !parseMarker(norm)) {
      meta.push({ kind: "pageSource", value: line.text.slice(1, 1 + source[1]!.length), line: line.no });
      const rest = line.text.slice(line.text.length - source[2]!.length).trim();
      if (rest !== "") kept.push(makeLine(line.no, rest));
      continue;
    }
    kept.push(line);
  }
  return { lines: kept, meta, warnings };
}

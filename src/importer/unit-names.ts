import { matchKey } from "./normalize.ts";

// Functional stems of government departments (Simplified; matched on the matching copy). A list
// item that starts with one of these and has no level prefix of its own takes the prefix of the
// item before it (`市发展改革委、科技创新委` → 市科技创新委); one that does not (`前海管理局`,
// `深圳海关`) is a proper name and is kept as written.
const FUNCTIONAL = [
  "发展改革", "发改", "科技", "科学技术", "科协", "工业和信息化", "工信", "经济和信息化", "经信", "经济",
  "财政", "公安", "司法", "商务", "教育", "教委", "人力资源", "人力社保", "人社", "自然资源", "规划",
  "生态环境", "环保", "住房", "住建", "城乡建设", "建设", "交通", "水务", "水利", "农业", "农村", "农委",
  "林业", "文化", "文旅", "广电", "新闻出版", "旅游", "体育", "卫生", "卫健", "市场监管", "市场监督",
  "市场和质量", "质监", "质量技术", "工商", "知识产权", "版权", "统计", "审计", "税务", "国资", "外办",
  "外事", "金融", "地方金融", "中小企业", "民政", "应急", "海洋", "港口", "口岸", "宣传", "组织", "编办",
  "委编办", "委宣传", "委组织", "委政法", "委网信", "网信", "大数据", "政务", "数据", "医保", "医疗保障",
  "药监", "粮食", "能源", "气象", "档案", "法院", "中级法院", "中级人民法院", "人民法院", "检察院",
  "人民检察院", "政府", "人民政府", "人大", "政协", "团委", "妇联", "文联", "总工会", "工商联", "贸促",
  "侨办", "台办", "民宗", "民族宗教", "退役军人", "信访", "机关事务", "投资促进", "投促", "招商", "城管",
  "城市管理", "园林", "科委", "经委", "商委", "发改委", "市场监管委", "知识产权局", "行政审批", "营商环境",
  "国防科工", "保密", "人防", "消防", "邮政", "通信管理", "烟草", "海关", "残联", "红十字",
];
const FUNCTIONAL_RE = new RegExp(`^(${[...FUNCTIONAL].sort((a, b) => b.length - a.length).join("|")})`);

/** Level prefix a department name carries (`市`, `省`, `区`, `县`), or "" when none. */
export function levelPrefix(name: string): string {
  const key = matchKey(name);
  const m = /^(省|市|区|县)/.exec(key);
  if (!m) return "";
  const rest = key.slice(1);
  if (key.startsWith("市场") && !key.startsWith("市市场")) return "";
  return FUNCTIONAL_RE.test(rest) || /^委/.test(rest) ? m[1]! : "";
}

/** True when a bare department name may take a distributed level prefix. */
export function takesLevelPrefix(name: string): boolean {
  const key = matchKey(name);
  if (/^(各|国家|全国|中国|中央|中共)/.test(key) || levelPrefix(name) !== "") return false;
  if (/^(省|市|区|县)/.test(key) && !(key.startsWith("市场") && !key.startsWith("市市场"))) return false;
  return FUNCTIONAL_RE.test(key);
}

const PARENT_SUB = /^(.+?(?:局|院|委|厅|总局))(.+?(部|处|司|室|科|中心))$/;

/**
 * For `专利局审业部、自动化部`: the parent (`专利局`) of a department name and the suffix its
 * siblings share (`部`); null when the name is not parent-qualified.
 */
export function parentOf(name: string): { parent: string; suffix: string } | null {
  const key = matchKey(name);
  const m = PARENT_SUB.exec(key);
  if (!m || m[2]!.length < 2) return null;
  return { parent: name.slice(0, m[1]!.length), suffix: m[3]! };
}

/** True when a bare sub-department name (`自动化部`) can inherit a parent ending in `suffix`. */
export function takesParent(name: string, suffix: string): boolean {
  const key = matchKey(name);
  return key.endsWith(suffix) && !/(局|院|委|厅|政府|各)/.test(key.slice(0, -suffix.length)) && key.length <= 8;
}

/** Group units: `各区政府`, `各县、区人民政府`, `领导小组成员单位`, `有关部门`. */
export function isGroupUnit(name: string): boolean {
  const key = matchKey(name);
  return /^各/.test(key) || /成员单位$/.test(key) || /^(有关|相关)(部门|单位)/.test(key);
}

/** A fragment of a group name split by `、` (`各县` in `各县、区人民政府`). */
export function isGroupFragment(name: string): boolean {
  return /^各?(省|市|县|区|乡|镇|街道|自治区|直辖市|市州|县市区|县区|区县|乡镇)$/.test(matchKey(name));
}

const UNIT_END =
  /(局|委|厅|办|院|部|司|处|室|科|中心|政府|会|海关|行|所|站|队|组|馆|署|公司|集团|单位|部门|机构|协会|学校|高校|院校|大学|学院|企业|联盟|法院|检察院|省份|城市|区|县|市|省|台|社|团|联|窗口|基地|平台|园区)$/;

/** Check that a text is a unit name (`…局`, `…委员会`, `各区政府`), not a sentence or a date. */
export function looksLikeUnit(name: string): boolean {
  const key = matchKey(name);
  if (key.length < 2 || key.length > 40) return false;
  if (/[\d.;!?:"“”《》]/.test(key) || /^(由|对|在|按|根据|要|将|把|以|为)/.test(key)) return false;
  const bare = key.replace(/\([^()]*\)$/, "");
  return UNIT_END.test(bare) || (key.startsWith("各") && key.length <= 12);
}

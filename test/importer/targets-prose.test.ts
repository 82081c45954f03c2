import { describe, expect, it } from "vitest";
import { extractTargets, type SourceLine } from "../../src/importer/targets.ts";

function doc(text: string): SourceLine[] {
  return text
    .trim()
    .split("\n")
    .map((t, i) => ({ no: i + 1, text: t }));
}

const plan = { periodStart: 2024, periodEnd: 2026, issuedYear: 2024 };

describe("goal sentences", () => {
  it("reads a baseline and yearly milestones stated in Traditional prose", () => {
    const lines = doc(`
二、發展目標
到2026年，每萬人口高價值發明專利擁有量由2023年的9.54件提高到14件，2024年、2025年分別達到10.5件、12件。`);
    const { targets, warnings } = extractTargets(lines, [], plan);
    expect(warnings).toEqual([]);
    expect(targets).toEqual([
      {
        name: "每萬人口高價值發明專利擁有量",
        unit: "件",
        comparator: ">=",
        kind: "level",
        baseline: { year: 2023, value: 9.54 },
        milestones: [
          { year: 2024, value: 10.5 },
          { year: 2025, value: 12 },
          { year: 2026, value: 14 },
        ],
        taskNumber: null,
      },
    ]);
  });

  it("carries the subject into clauses that only give a year and a value", () => {
    const lines = doc(`到2024年，有效商标注册量达到5.5万件，2025年达到6.2万件，2026年达到7万件以上。`);
    const [t] = extractTargets(lines, [], plan).targets;
    expect(t).toMatchObject({ name: "有效商标注册量", unit: "件", comparator: ">=" });
    expect(t!.milestones).toEqual([
      { year: 2024, value: 55000 },
      { year: 2025, value: 62000 },
      { year: 2026, value: 70000 },
    ]);
  });

  it.each([
    ["每万人口高价值发明专利拥有量2024年达到10.5件、2025年达到12件、2026年达到14件。", "每万人口高价值发明专利拥有量"],
    ["2024—2026年，每万人口高价值发明专利拥有量分别达到10.5件、12件、14件。", "每万人口高价值发明专利拥有量"],
    ["PCT专利申请量（2024—2026年）：10.5件→12件→14件。", "PCT专利申请量"],
  ])("reads yearly milestones written as %s", (text, name) => {
    const [t, ...rest] = extractTargets(doc(text), [], plan).targets;
    expect(rest).toEqual([]);
    expect(t!.name).toBe(name);
    expect(t!.milestones).toEqual([
      { year: 2024, value: 10.5 },
      { year: 2025, value: 12 },
      { year: 2026, value: 14 },
    ]);
  });

  it("pairs several indicators with the values they respectively reach", () => {
    const lines = doc(`到2025年，有效商标注册量、地理标志商标和知识产权质押融资金额分别达到15万件、30件和25亿元以上。`);
    const { targets, warnings } = extractTargets(lines, [], { periodStart: 2021, periodEnd: 2025, issuedYear: 2021 });
    expect(warnings).toEqual([]);
    expect(targets.map((t) => [t.name, t.comparator, t.unit, t.milestones])).toEqual([
      ["有效商标注册量", ">=", "件", [{ year: 2025, value: 150000 }]],
      ["地理标志商标", ">=", "件", [{ year: 2025, value: 30 }]],
      ["知识产权质押融资金额", ">=", "元", [{ year: 2025, value: 2.5e9 }]],
    ]);
  });

  it("reports values given respectively that match neither years nor indicators", () => {
    const lines = doc(`到“十四五”末，全市有效发明专利拥有量达到2万件，2023年、2024年和2025年分别新增500件、600件和700件。`);
    const { targets, warnings } = extractTargets(lines, [], { periodStart: null, periodEnd: null, issuedYear: 2021 });
    // “十四五”末 is 2025, whatever the pipeline knows of the period.
    expect(targets.map((t) => [t.name, t.milestones])).toEqual([["全市有效发明专利拥有量", [{ year: 2025, value: 20000 }]]]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain("500件、600件、700件");
  });

  it("lays a chain of values without years over the plan's last years, the first one before the plan as baseline", () => {
    const { targets } = extractTargets(doc(`有效商标注册量4.9万→5.5万→6.2万→7万件，知识产权专员数471→600→700→800人。`), [], plan);
    expect(targets.map((t) => [t.name, t.baseline, t.milestones.map((m) => `${m.year}:${m.value}`).join(" ")])).toEqual([
      ["有效商标注册量", { year: 2023, value: 49000 }, "2024:55000 2025:62000 2026:70000"],
      ["知识产权专员数", { year: 2023, value: 471 }, "2024:600 2025:700 2026:800"],
    ]);
  });

  it("turns a value stated for a year before the plan into the baseline of the same indicator", () => {
    const lines = doc(`
截至2023年底，全市有效发明专利拥有量达到9000件。
到2026年，全市有效发明专利拥有量达到1.2万件以上，知识产权保护社会满意度达到90%以上（2023年为86%）。`);
    const { targets } = extractTargets(lines, [], plan);
    expect(targets.map((t) => [t.name, t.baseline, t.milestones])).toEqual([
      ["全市有效发明专利拥有量", { year: 2023, value: 9000 }, [{ year: 2026, value: 12000 }]],
      ["知识产权保护社会满意度", { year: 2023, value: 86 }, [{ year: 2026, value: 90 }]],
    ]);
  });

  it("tells growth, reduction, share and level apart", () => {
    const lines = doc(`
（三）主要目标。专利质押融资金额年均增长20%以上，高价值专利审查周期压减15%，商标审查周期压缩至4个月以内，专利密集型产业增加值占地区生产总值比重达到13%，知识产权纠纷调解成功率不低于85%。`);
    const { targets } = extractTargets(lines, [], plan);
    expect(targets.map((t) => [t.name, t.kind, t.comparator, t.unit, t.milestones.map((m) => `${m.year}:${m.value}`).join(" ")])).toEqual([
      ["专利质押融资金额", "growth", ">=", "%", "2024:20 2025:20 2026:20"],
      ["高价值专利审查周期", "reduction", "=", "%", "2026:15"],
      ["商标审查周期", "level", "<=", "个月", "2026:4"],
      ["专利密集型产业增加值占地区生产总值比重", "share", ">=", "%", "2026:13"],
      ["知识产权纠纷调解成功率", "level", ">=", "%", "2026:85"],
    ]);
  });

  it("uses the issue year for a yearly goal when the plan has no period", () => {
    const lines = doc(`每年新增知识产权质押融资项目不少于50个，专利侵权纠纷案件结案率超过90%。`);
    const { targets } = extractTargets(lines, [], { periodStart: null, periodEnd: null, issuedYear: 2022 });
    expect(targets.map((t) => [t.name, t.comparator, t.milestones])).toEqual([
      ["新增知识产权质押融资项目", ">=", [{ year: 2022, value: 50 }]],
      ["专利侵权纠纷案件结案率", ">", [{ year: 2022, value: 90 }]],
    ]);
  });
});

describe("goals phrased as things to deliver", () => {
  it("names the goal by its verb and object, whichever side of the number the object is on", () => {
    const lines = doc(`
（一）加强培育。培育100家以上知识产权优势企业和50家示范企业，指导全国范围内培训知识产权急需紧缺人才1万余人。
（二）完善服务。建设10个左右知识产权运营中心，每年举办2期以上培训班，支持企业开展专利导航，形成专利导航报告10份。`);
    const tasks = [
      { number: "1", startLine: 1, endLine: 1 },
      { number: "2", startLine: 2, endLine: 2 },
    ];
    const { targets, warnings } = extractTargets(lines, tasks, plan);
    expect(warnings).toEqual([]);
    expect(targets.map((t) => [t.name, t.comparator, t.unit, t.milestones.map((m) => `${m.year}:${m.value}`).join(" "), t.taskNumber])).toEqual([
      ["培育知识产权优势企业", ">=", "家", "2026:100", "1"],
      ["培育示范企业", ">=", "家", "2026:50", "1"],
      ["培训知识产权急需紧缺人才", ">", "人", "2026:10000", "1"],
      ["建设知识产权运营中心", "=", "个", "2026:10", "2"],
      ["举办培训班", ">=", "期", "2024:2 2025:2 2026:2", "2"],
      ["形成专利导航报告", "=", "份", "2026:10", "2"],
    ]);
  });

  it("reads plain `name + quantity` items in a goals section, not a noun-like verb inside the name", () => {
    const lines = doc(`
二、发展目标
知识产权服务机构30家，国家级知识产权示范企业20家、优势企业50家。`);
    expect(extractTargets(lines, [], plan).targets.map((t) => [t.name, t.milestones[0]!.value])).toEqual([
      ["知识产权服务机构", 30],
      ["国家级知识产权示范企业", 20],
      ["优势企业", 50],
    ]);
  });
});

describe("what is not a target", () => {
  it("ignores numbers that describe things rather than set goals", () => {
    const lines = doc(`
（一）加快产业发展。围绕新能源等5大产业集群，聚焦3个关键环节，举办第3届知识产权博览会。2024年3月召开全市知识产权工作会议。
培育一批年营业收入超1亿元的企业，实现“一站式”服务和“四位一体”保护，每3年开展1次评估。
（国知发运字〔2024〕2号）联系电话：010—62086032`);
    expect(extractTargets(lines, [{ number: "1", startLine: 1, endLine: 3 }], plan)).toEqual({ targets: [], warnings: [] });
  });

  it("ignores incentives, enumerations, parameters and meeting frequencies in task text", () => {
    const lines = doc(`
（二）完善激励政策。对获得中国专利金奖的企业给予100万元奖励，对新认定的国家知识产权示范企业给予30万元资助，按照每件2000元的标准给予资助。
会同市发展改革委等10余个部门建立联席会议制度，每季度召开1次联席会议，开展“知识产权宣传周”等3项活动。
2024年6月底前完成整改，整改期限为6个月。`);
    expect(extractTargets(lines, [{ number: "2", startLine: 1, endLine: 3 }], plan)).toEqual({ targets: [], warnings: [] });
  });

  it("reads a current state as the baseline of the goal it belongs to", () => {
    const lines = doc(`
目前，全市已培育国家知识产权示范企业15家。
到2026年，培育国家知识产权示范企业30家。`);
    const { targets } = extractTargets(lines, [], plan);
    expect(targets.map((t) => [t.name, t.baseline, t.milestones])).toEqual([
      ["培育国家知识产权示范企业", { year: 2023, value: 15 }, [{ year: 2026, value: 30 }]],
    ]);
  });

  it("reports a coverage goal whose indicator is not named", () => {
    const { targets, warnings } = extractTargets(doc(`到2026年，全市80%以上的规上企业建立知识产权管理制度。`), [], plan);
    expect(targets).toEqual([]);
    expect(warnings.map((w) => w.line)).toEqual([1]);
  });

  it("reports a bound it cannot tie to an indicator instead of dropping it", () => {
    const lines = doc(`二、工作目标
其中，不低于30%。`);
    const { targets, warnings } = extractTargets(lines, [], plan);
    expect(targets).toEqual([]);
    expect(warnings.map((w) => w.line)).toEqual([2]);
  });

  it("reports an increase by an amount, which no target kind can hold", () => {
    const { targets, warnings } = extractTargets(doc(`二、发展目标\n专利转让许可次数增长1.5倍，有效发明专利增加1000件。`), [], plan);
    expect(targets).toEqual([]);
    expect(warnings.map((w) => [w.line, w.message.startsWith('"专利转让许可次数"') || w.message.startsWith('"有效发明专利"')])).toEqual([
      [2, true],
      [2, true],
    ]);
  });

  it("reports a goal when neither the text nor the plan gives a year", () => {
    const { targets, warnings } = extractTargets(doc(`有效商标注册量达到5万件。`), [], { periodStart: null, periodEnd: null, issuedYear: null });
    expect(targets).toEqual([]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toContain("有效商标注册量");
  });
});

describe("merging", () => {
  it("merges names that differ by qualifiers in front, not indicators that merely share words and a value", () => {
    const lines = doc(`
二、发展目标
到2026年，贯标企业累计达到210家，知识产权贯标企业数达到210家，发明专利申请量达到60件，PCT专利申请量达到60件。`);
    const { targets, warnings } = extractTargets(lines, [], plan);
    expect(warnings).toEqual([]);
    expect(targets.map((t) => t.name)).toEqual(["贯标企业", "发明专利申请量", "PCT专利申请量"]);
  });
});

describe("links to tasks", () => {
  const lines = doc(`
二、发展目标
到2026年，PCT专利申请量达到60件。
三、重点任务
（一）强化知识产权宣传。全年举办知识产权培训10场，培训企业人员不少于500人次。
（二）提升服务能力。建成知识产权服务工作站5个。`);
  const tasks = [
    { number: "1", startLine: 4, endLine: 4 },
    { number: "2", startLine: 5, endLine: 5 },
  ];

  it("links goals stated inside a task to it and leaves the goals section unlinked", () => {
    const { targets } = extractTargets(lines, tasks, plan);
    expect(targets.map((t) => [t.name, t.unit, t.comparator, t.milestones[0]?.value, t.taskNumber])).toEqual([
      ["PCT专利申请量", "件", ">=", 60, null],
      ["举办知识产权培训", "场", "=", 10, "1"],
      ["培训企业人员", "人次", ">=", 500, "1"],
      ["建成知识产权服务工作站", "个", "=", 5, "2"],
    ]);
  });

  it("keeps same-named goals of two tasks apart, and merges a task's repetition of a plan goal into the plan goal", () => {
    const two = doc(`
二、发展目标
到2026年，PCT专利申请量达到60件。
（一）强化宣传。举办培训班10期。
（二）强化保护。举办培训班5期，PCT专利申请量达到60件。`);
    const spans = [
      { number: "1", startLine: 3, endLine: 3 },
      { number: "2", startLine: 4, endLine: 4 },
    ];
    const { targets, warnings } = extractTargets(two, spans, plan);
    expect(warnings).toEqual([]);
    expect(targets.map((t) => [t.name, t.milestones[0]!.value, t.taskNumber])).toEqual([
      ["PCT专利申请量", 60, null],
      ["举办培训班", 10, "1"],
      ["举办培训班", 5, "2"],
    ]);
  });

  it("does not link a goals section the pipeline handed over as a task", () => {
    const asTask = [{ number: "9", startLine: 1, endLine: 2 }, ...tasks];
    const first = extractTargets(lines, asTask, plan).targets[0]!;
    expect(first).toMatchObject({ name: "PCT专利申请量", taskNumber: null });
  });
});

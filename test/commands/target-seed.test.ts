import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../src/core/clock.ts";
import { parsePlanDocument } from "../../src/importer/index.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { ROOT } from "../helpers/cli.ts";
import { chat, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { targetDispatcher } from "../core/targets/fixtures.ts";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("/target on the real Bengbu plan (seeds/002), as the importer reads it", () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await openTestDatabase("pglite");
    const seed = fs.readdirSync(path.join(ROOT, "seeds")).find((f) => f.startsWith("002_"))!;
    const { plans } = parsePlanDocument(fs.readFileSync(path.join(ROOT, "seeds", seed)));
    for (const plan of plans) await savePlan(t.db.prisma, plan, { name: seed, hash: plan.slug });
  });
  afterAll(async () => t?.cleanup());

  it("lists the six indicators of 专栏1 with baseline, this year's milestone and the final goal", async () => {
    const { services } = testServices(t.db, { clock: manualClock("2025-07-02T04:00:00Z") });
    const say = chat(targetDispatcher(services), { channelId: "bengbu" });
    expect(await say("/plan use 蚌埠", { userId: "admin" })).toContain("蚌埠市国家知识产权强市建设试点城市工作方案");
    const out = await say("/target");
    for (const line of [
      "每万人口高价值发明专利拥有量：9.54件 → — → 12件（2025） → 14件（2026） · 暂无数据",
      "有效商标注册量：4.9万件 → — → 6.2万件（2025） → 7万件（2026） · 暂无数据",
      "知识产权质押融资金额：17.2亿元 → — → 22亿元（2025） → 25亿元（2026） · 暂无数据",
      "知识产权贯标企业数：114家 → — → 175家（2025） → 210家（2026） · 暂无数据",
      "知识产权保护社会满意度：86% → — → 90%（2026） · 暂无数据",
      "知识产权专员数：471人 → — → 700人（2025） → 800人（2026） · 暂无数据",
    ]) {
      expect(out).toMatch(new RegExp(`\\d+\\. ${escape(line)}`));
    }
    // The same card by name, whatever position the importer gave it.
    const card = await say("/target 质押融资");
    expect(card).toMatch(/【指标 \d+ · 知识产权质押融资金额】/);
    expect(card).toContain("基线（2023年）：17.2亿元");
    expect(card).toMatch(/\/update target \d+ 22亿元/);
  });
});

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { preview } from "../../commands/import.ts";
import type { CommandContext, Services } from "../../src/core/command.ts";
import type { IncomingMessage } from "../../src/core/context.ts";
import type { Dispatcher } from "../../src/core/dispatcher.ts";
import type { Reply } from "../../src/core/reply.ts";
import { translator } from "../../src/core/i18n/index.ts";
import { ruleFor } from "../../src/core/permissions.ts";
import { savePlan } from "../../src/store/plan-writer.ts";
import { testDispatcher, testServices } from "../helpers/core.ts";
import { openTestDatabase, type TestDatabase } from "../helpers/db.ts";
import { samplePlan } from "../helpers/fixtures.ts";

/**
 * Every write command × five kinds of user × three places, through the dispatcher. Each cell has a
 * channel of its own, so cells never share state; a cell passes when the write happened exactly when
 * the rule says it may, and a refused write changed nothing. The "other" place is a channel bound to
 * plan Y; rights on the row's plan count there, never the place's (an update of plan X undone from
 * a channel or DM bound to Y, a channel moved to the other plan).
 */
type Who = "unmapped" | "otherUnit" | "otherPlanAdmin" | "planAdmin" | "envAdmin";
type Where = "own" | "other" | "dm";
const WHO: Who[] = ["unmapped", "otherUnit", "otherPlanAdmin", "planAdmin", "envAdmin"];
const WHERE: Where[] = ["own", "other", "dm"];
const USER: Record<Who, string> = { unmapped: "UNOBODY", otherUnit: "UOTHER", otherPlanAdmin: "UADMY", planAdmin: "UADMX", envAdmin: "UENV" };

let t: TestDatabase;
let services: Services;
let dispatcher: Dispatcher;
let X: number;
let Y: number;
let cell = 0;

/** Rights of a user on a plan: X is the plan of the "own" channel and DM, Y the other plan. */
const adminOf = (who: Who, plan: number) => who === "envAdmin" || (who === "planAdmin" && plan === X) || (who === "otherPlanAdmin" && plan === Y);
const memberOf = (who: Who, plan: number) => who === "otherUnit" && plan === X;

interface Cell {
  who: Who;
  where: Where;
  /** The plan the place is bound to. */
  plan: number;
  channelId: string;
}

interface WriteCase {
  /** The declared command or subcommand it exercises (`/plan use`). */
  covers?: string;
  /** For a write that leaves no row (a digest sent now): whether the replies show it happened. */
  posted?: (replies: Reply[]) => boolean;
  text: (c: Cell) => string | Promise<string>;
  /** Prepares the cell's own state (a row to undo, a schedule to turn off…). */
  setup?: (c: Cell) => Promise<void>;
  after?: (c: Cell) => Promise<void>;
  /** A value the write changes. */
  probe: (c: Cell) => Promise<unknown>;
  allowed: (c: Cell) => boolean;
}

const unitId = async (plan: number, name: string) => (await services.store.findUnits(plan, name))[0]!.id;
let undoRow = new Map<string, number>();
let staged = new Map<string, string>();
const importedTitle = (c: Cell) => `丙县${c.channelId}知识产权工作方案`;

const CASES: Record<string, WriteCase> = {
  "/update 7 50%": {
    covers: "/update",
    text: () => "/update 7 50%",
    probe: async (c) => (await services.store.getTaskCard(c.plan, "7"))!.progress.latest?.id ?? null,
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "free-text #7": {
    text: () => "#7 进度 60% 已完成选址",
    probe: async (c) => (await services.store.getTaskCard(c.plan, "7"))!.progress.latest?.id ?? null,
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "/update target": {
    covers: "/update",
    text: () => "/update target 每万人口高价值发明专利拥有量 12件",
    probe: async (c) => (await services.store.listTargets(c.plan))[0]!.latest?.updateId ?? null,
    allowed: (c) => adminOf(c.who, c.plan) || memberOf(c.who, c.plan),
  },
  "/undo <id of plan X's update>": {
    covers: "/undo",
    async setup(c) {
      const { update } = await services.store.recordUpdate({
        planId: X,
        taskId: (await services.store.getTask(X, "7"))!.id,
        member: { platform: "slack", platformUserId: "UAUTHOR", displayName: "Author" },
        status: "in_progress",
        percent: 10,
        sourcePlatform: "slack",
        sourceMessageId: `author-${c.channelId}`,
      });
      undoRow.set(c.channelId, update.id);
    },
    text: (c) => `/undo ${undoRow.get(c.channelId)}`,
    probe: async (c) => (await services.store.getUpdate(undoRow.get(c.channelId)!))!.retracted,
    allowed: (c) => adminOf(c.who, X),
  },
  "/owner add": {
    covers: "/owner",
    text: (c) => `/owner 公安 <@UNEW${c.channelId}>`,
    probe: async (c) => (await services.store.unitMembers(await unitId(c.plan, "公安"))).some((m) => m.platformUserId === `UNEW${c.channelId}`),
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "/owner remove": {
    covers: "/owner",
    async setup(c) {
      await services.store.addUnitMembers(await unitId(c.plan, "法院"), [{ platform: "slack", platformUserId: `UOLD${c.channelId}`, displayName: "Old" }]);
    },
    text: (c) => `/owner remove 法院 <@UOLD${c.channelId}>`,
    probe: async (c) => (await services.store.unitMembers(await unitId(c.plan, "法院"))).some((m) => m.platformUserId === `UOLD${c.channelId}`),
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "/admin add": {
    covers: "/admin add",
    text: (c) => `/admin add <@UADM${c.channelId}>`,
    probe: (c) => services.store.isPlanAdmin(c.plan, "slack", `UADM${c.channelId}`),
    allowed: (c) => c.who === "envAdmin",
  },
  "/plan open": {
    covers: "/plan open",
    text: () => "/plan open",
    probe: async (c) => (await services.store.getChannel("slack", c.channelId)).open,
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "/plan close": {
    covers: "/plan close",
    setup: async (c) => void (await services.store.updateChannel("slack", c.channelId, { planId: c.plan, open: true })),
    text: () => "/plan close",
    probe: async (c) => (await services.store.getChannel("slack", c.channelId)).open,
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "/plan use <the other plan>": {
    covers: "/plan use",
    text: (c) => `/plan use ${c.plan === X ? "plan-y" : "plan-x"}`,
    probe: async (c) => (await services.store.getChannel("slack", c.channelId)).planId,
    allowed: (c) => c.where === "dm" || adminOf(c.who, c.plan === X ? Y : X) || adminOf(c.who, c.plan),
  },
  "/digest schedule": {
    covers: "/digest schedule",
    text: () => "/digest schedule 0 9 * * 1",
    probe: async (c) => (await services.schedules.getSchedule("slack", c.channelId, "digest"))?.enabled ?? false,
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "/digest off": {
    covers: "/digest off",
    setup: scheduleFor("digest"),
    text: () => "/digest off",
    probe: async (c) => (await services.schedules.getSchedule("slack", c.channelId, "digest"))?.enabled ?? false,
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "/digest now": {
    covers: "/digest now",
    text: () => "/digest now",
    probe: async () => null,
    // Sent to the whole channel (a public digest), or refused privately.
    posted: (replies) => replies.length > 0 && replies.every((r) => !r.private) && JSON.stringify(replies).includes("知识产权工作方案"),
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "/remind schedule": {
    covers: "/remind schedule",
    text: () => "/remind schedule 0 10 * * 4",
    probe: async (c) => (await services.schedules.getSchedule("slack", c.channelId, "remind"))?.enabled ?? false,
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "/digest schedule replacing the other plan's schedule": replacing("digest"),
  "/remind schedule replacing the other plan's schedule": replacing("remind"),
  "/remind off": {
    covers: "/remind off",
    setup: scheduleFor("remind"),
    text: () => "/remind off",
    probe: async (c) => (await services.schedules.getSchedule("slack", c.channelId, "remind"))?.enabled ?? false,
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "/lang en (channel)": {
    covers: "/lang channel",
    text: () => "/lang en",
    probe: async (c) => (await services.store.getChannel("slack", c.channelId)).locale,
    allowed: (c) => c.where === "dm" || adminOf(c.who, c.plan),
  },
  "/lang me en (own setting)": {
    covers: "/lang me",
    setup: (c) => services.store.setUserLocale({ platform: "slack", platformUserId: USER[c.who], displayName: c.who }, null),
    // Back to the default, so the other cells' replies stay in Chinese.
    after: (c) => services.store.setUserLocale({ platform: "slack", platformUserId: USER[c.who], displayName: c.who }, null),
    text: () => "/lang me en",
    probe: (c) => services.store.getUserLocale("slack", USER[c.who]),
    allowed: () => true,
  },
  "/unit group 各区政府 = …": {
    covers: "/unit group",
    text: (c) => `/unit group 各区政府 = 福田区${c.channelId}、罗湖区${c.channelId}`,
    probe: async (c) => (await services.store.groupMembers(await unitId(c.plan, "各区政府"))).map((u) => u.name).sort(),
    allowed: (c) => adminOf(c.who, c.plan),
  },
  "/import confirm <id>": {
    covers: "/import",
    // The cell's user has a pending import of their own (as a chat file share leaves one); confirming writes a plan.
    async setup(c) {
      const ctx = { message: { platform: "slack", channelId: c.channelId, userId: USER[c.who], userName: c.who, text: "" }, t: translator("zh-CN"), locale: "zh-CN", now: services.clock.now(), services } as unknown as CommandContext;
      const file = [`${importedTitle(c)}（2025—2026年）`, "一、重点任务", "1.培育高价值专利。（县市场监管局牵头）"].join("\n");
      const shown = JSON.stringify(await preview(ctx, "plan.txt", Buffer.from(file)));
      staged.set(c.channelId, /\/import confirm (\w+)/.exec(shown)![1]!);
    },
    text: (c) => `/import confirm ${staged.get(c.channelId)}`,
    probe: async (c) => (await services.store.listPlans()).some((p) => p.title.startsWith(importedTitle(c))),
    allowed: (c) => c.who === "envAdmin",
  },
};

const otherPlan = (plan: number) => (plan === X ? Y : X);

function scheduleFor(kind: "digest" | "remind", plan: (c: Cell) => number = (c) => c.plan) {
  return async (c: Cell) => {
    await services.schedules.saveSchedule(
      { platform: "slack", channelId: c.channelId, planId: plan(c), kind, cron: "0 9 * * 1", timezone: "Asia/Shanghai", workdaysOnly: true, locale: null, createdBy: "slack:UENV" },
      services.clock.now(),
    );
  };
}

/** A schedule set in a channel whose active schedule still posts the other plan (the channel moved since). */
function replacing(kind: "digest" | "remind"): WriteCase {
  return {
    setup: scheduleFor(kind, (c) => otherPlan(c.plan)),
    text: () => `/${kind} schedule 0 8 * * 2`,
    probe: async (c) => {
      const s = await services.schedules.getSchedule("slack", c.channelId, kind);
      return s && { plan: s.planId, cron: s.cron };
    },
    // Admin of both: the plan the new schedule posts and the plan of the one it replaces.
    allowed: (c) => adminOf(c.who, c.plan) && adminOf(c.who, otherPlan(c.plan)),
  };
}

beforeAll(async () => {
  t = await openTestDatabase("pglite");
  // Both plans name a unit group (各区政府) whose members /unit group sets.
  const units = [...samplePlan().units, { name: "各区政府", aliases: [] }];
  X = (await savePlan(t.db.prisma, samplePlan({ slug: "plan-x", title: "甲市知识产权工作方案", units }), { name: "x.txt", hash: "x" })).planId;
  Y = (await savePlan(t.db.prisma, samplePlan({ slug: "plan-y", title: "乙市知识产权工作方案", units }), { name: "y.txt", hash: "y" })).planId;
  services = testServices(t.db).services;
  services.settings = { ...services.settings, admins: ["slack:UENV"] };
  await services.store.addPlanAdmin(X, "slack", USER.planAdmin);
  await services.store.addPlanAdmin(Y, "slack", USER.otherPlanAdmin);
  // A member of a unit of plan X that is not one of task 7's units.
  await services.store.addUnitMembers(await unitId(X, "科技创新委"), [{ platform: "slack", platformUserId: USER.otherUnit, displayName: "Other" }]);
  dispatcher = testDispatcher(services);
});
afterAll(async () => t?.cleanup());

async function send(c: Cell, text: string) {
  const message: IncomingMessage = {
    platform: "slack",
    channelId: c.channelId,
    userId: USER[c.who],
    userName: c.who,
    messageId: `msg-${c.channelId}`,
    text,
    ...(c.where === "dm" ? { isDirect: true } : {}),
  };
  return dispatcher.handle(message);
}

describe("write permissions through the dispatcher", () => {
  for (const [name, w] of Object.entries(CASES)) {
    for (const who of WHO) {
      // One test per command and user (three places each), so no test runs long on a loaded machine.
      it(`${name} by ${who}: written exactly where the user has rights on the row's plan`, async () => {
        const wrong: string[] = [];
        for (const where of WHERE) {
          const c: Cell = { who, where, plan: where === "other" ? Y : X, channelId: `${where === "dm" ? "D" : "C"}${++cell}` };
          await services.store.updateChannel("slack", c.channelId, { planId: c.plan });
          await w.setup?.(c);
          const before = await w.probe(c);
          const replies = await send(c, await w.text(c));
          const changed = w.posted ? w.posted(replies) : JSON.stringify(await w.probe(c)) !== JSON.stringify(before);
          await w.after?.(c);
          const expected = w.allowed(c);
          const said = JSON.stringify(replies).slice(0, 160);
          if (changed !== expected) wrong.push(`in ${where}: ${changed ? "wrote" : "did not write"} (${said})`);
          // A refusal is a private reply, never silence.
          if (!expected && (replies.length !== 1 || !replies[0]!.private)) wrong.push(`in ${where}: refusal not a private reply (${said})`);
        }
        expect(wrong).toEqual([]);
      });
    }
  }
});

describe("opening is per channel and plan", () => {
  it("a non-admin cannot move an open channel to another plan, and a move ends the opening", async () => {
    const ch = "COPEN";
    await services.store.updateChannel("slack", ch, { planId: X });
    const as = (who: Who, text: string) => send({ who, where: "own", plan: X, channelId: ch }, text);
    await as("planAdmin", "/plan open");
    expect((await services.store.getChannel("slack", ch)).open).toBe(true);

    // The reported escalation: anyone ran /plan use in an open channel, then updated the other plan.
    await as("unmapped", "/plan use plan-y");
    expect((await services.store.getChannel("slack", ch)).planId).toBe(X);

    // The channel's admin may move it; the opening stays with plan X and does not carry over to Y.
    await as("planAdmin", "/plan use plan-y");
    expect(await services.store.getChannel("slack", ch)).toMatchObject({ planId: Y, open: false });
    const before = (await services.store.getTaskCard(Y, "7"))!.progress.latest;
    await send({ who: "unmapped", where: "own", plan: Y, channelId: ch }, "/update 7 80%");
    expect((await services.store.getTaskCard(Y, "7"))!.progress.latest).toEqual(before);

    // Back to plan X: closed until an admin opens it again.
    await as("envAdmin", "/plan use plan-x");
    expect((await services.store.getChannel("slack", ch)).open).toBe(false);
  });

  it("opening for a plan the channel has left changes nothing", async () => {
    await services.store.updateChannel("slack", "CRACE", { planId: Y });
    expect(await services.store.setChannelOpen("slack", "CRACE", X, true)).toBe(false);
    expect((await services.store.getChannel("slack", "CRACE")).open).toBe(false);
    expect(await services.store.setChannelOpen("slack", "CRACE", Y, true)).toBe(true);
    expect((await services.store.getChannel("slack", "CRACE")).open).toBe(true);
  });

  it("an admin of plan Y cannot undo plan X's update from a DM bound to Y", async () => {
    const c: Cell = { who: "otherPlanAdmin", where: "dm", plan: Y, channelId: "DUNDO" };
    await services.store.updateChannel("slack", c.channelId, { planId: Y });
    await CASES["/undo <id of plan X's update>"]!.setup!(c);
    const replies = await send(c, `/undo ${undoRow.get(c.channelId)}`);
    expect(JSON.stringify(replies)).toContain("只能撤销自己一天内的报告");
    expect((await services.store.getUpdate(undoRow.get(c.channelId)!))!.retracted).toBe(false);
  });
});

describe("a schedule of another plan", () => {
  it("an admin of the channel's new plan is told whose schedule it is, and may replace it once it is off", async () => {
    const c: Cell = { who: "otherPlanAdmin", where: "own", plan: Y, channelId: "CMOVED" };
    await services.store.updateChannel("slack", c.channelId, { planId: Y });
    await scheduleFor("digest", () => X)(c);
    const replies = await send(c, "/digest schedule 0 8 * * 2");
    expect(JSON.stringify(replies)).toContain("本频道现有的定时简报发送的是计划“甲市知识产权工作方案”");
    expect(await services.schedules.getSchedule("slack", c.channelId, "digest")).toMatchObject({ planId: X, cron: "0 9 * * 1" });
    await send({ ...c, who: "planAdmin" }, "/digest off");
    await send(c, "/digest schedule 0 8 * * 2");
    expect(await services.schedules.getSchedule("slack", c.channelId, "digest")).toMatchObject({ planId: Y, cron: "0 8 * * 2", enabled: true });
  });
});

describe("the matrix covers every write the commands declare", () => {
  it("every command and subcommand whose declared permission is not everyone's has cases above", () => {
    // A new admin-only command (or subcommand) must get its cases in the matrix, or this fails.
    const covered = new Set(Object.values(CASES).map((w) => w.covers));
    const declared = commands.flatMap((c) => {
      const p = c.permission;
      const rules = "right" in p ? [[c.name, p] as const] : Object.entries(p.rules).map(([w, r]) => [w === "*" ? c.name : `${c.name} ${w}`, r] as const);
      return rules.filter(([, r]) => r.right !== "anyone").map(([what]) => `/${what}`);
    });
    expect(declared.length).toBeGreaterThan(10);
    expect(declared.filter((d) => !covered.has(d))).toEqual([]);
    expect(ruleFor(commands.find((c) => c.name === "plan")!.permission, { action: "use", query: "" }).right).toBe("bindChannel");
  });
});

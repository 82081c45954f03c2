import { createInbound } from "../../../src/core/inbound.ts";
import { savePlan } from "../../../src/store/plan-writer.ts";
import { createDingTalkAdapter, type DingTalkAdapter } from "../../../src/adapters/dingtalk/dingtalk-adapter.ts";
import { FakeDingTalk } from "../../fakes/dingtalk/fake-dingtalk.ts";
import { testDispatcher, testServices } from "../../helpers/core.ts";
import { openTestDatabase } from "../../helpers/db.ts";
import { samplePlan } from "../../helpers/fixtures.ts";

export const GROUP = "cidGroup0001==";
export const STAFF = "manager4220";
export const DM = `cidDm${STAFF}==`;
/** An admin by DUBAN_ADMINS (`dingtalk:boss01`). */
export const ADMIN = "boss01";

/**
 * A real store (PGlite, the sample plan bound to a DingTalk group and to a DM, STAFF a member of
 * the unit leading task 7), the real dispatcher behind the core's inbound path (dedupe,
 * relevance), a fake DingTalk, and adapters made on demand against it.
 */
export async function startHarness() {
  const fake = await new FakeDingTalk().start();
  const db = await openTestDatabase("pglite");
  const { planId } = await savePlan(db.db.prisma, samplePlan(), { name: "sample.txt", hash: "h" });
  const base = testServices(db.db);
  const { logLines } = base;
  const services = { ...base.services, settings: { ...base.services.settings, admins: [`dingtalk:${ADMIN}`] } };
  await services.store.updateChannel("dingtalk", GROUP, { planId });
  await services.store.updateChannel("dingtalk", DM, { planId });
  const [unit] = await services.store.findUnits(planId, "市市场监管局");
  await services.store.addUnitMembers(unit!.id, [{ platform: "dingtalk", platformUserId: STAFF, displayName: "张三" }]);
  const dispatcher = testDispatcher(services);
  const inbound = createInbound({ dispatcher, services });
  const adapters: DingTalkAdapter[] = [];
  const makeAdapter = (clientSecret = fake.clientSecret) => {
    const adapter = createDingTalkAdapter(
    { clientId: fake.clientId, clientSecret, apiUrl: fake.apiUrl },
    { log: services.log, accept: (e) => inbound.accept(e), track: (w, work) => inbound.track(w, work), idle: () => inbound.idle() },
    );
    adapters.push(adapter);
    return adapter;
  };
  return {
    fake,
    makeAdapter,
    services,
    planId,
    logLines,
    db,
    async stop() {
      for (const a of adapters) await a.stop().catch(() => undefined);
      await fake.stop();
      await db.cleanup();
    },
  };
}

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StreamClient, TOPIC_ROBOT, type DWClientDownStream } from "../../../src/adapters/dingtalk/stream.ts";
import { FakeDingTalk } from "../../fakes/dingtalk/fake-dingtalk.ts";

/** The real dingtalk-stream SDK against the fake gateway: connect, callbacks and acks, pings, reconnects. */
describe("dingtalk-stream against the fake DingTalk", () => {
  let fake: FakeDingTalk;
  let client: StreamClient | undefined;
  beforeEach(async () => {
    fake = await new FakeDingTalk().start();
  });
  afterEach(async () => {
    client?.close();
    await fake.stop();
  });

  function connect(onRobot: (m: DWClientDownStream) => void, secret = fake.clientSecret) {
    client = new StreamClient({ clientId: fake.clientId, clientSecret: secret, apiUrl: fake.apiUrl });
    client.registerCallbackListener(TOPIC_ROBOT, onRobot);
    return client;
  }

  it("opens the gateway with the credentials and the robot topic, then receives and acknowledges a robot message", async () => {
    const got: DWClientDownStream[] = [];
    const c = connect((m) => {
      got.push(m);
      c.socketCallBackResponse(m.headers.messageId, { ok: true });
    });
    await c.connect();
    await fake.waitFor(() => fake.socketConnected);
    expect(fake.gatewayOpens[0]).toMatchObject({ clientId: fake.clientId, clientSecret: fake.clientSecret });
    expect(fake.gatewayOpens[0]!.subscriptions).toContainEqual({ type: "CALLBACK", topic: TOPIC_ROBOT });

    const { messageId } = fake.pushRobotMessage({ text: "/task 7" });
    const [ack] = await fake.waitFor(() => (fake.acksOf(messageId).length ? fake.acksOf(messageId) : undefined));
    expect(ack).toMatchObject({ code: 200, headers: { messageId } });
    expect(JSON.parse(ack!.data)).toEqual({ response: { ok: true } });
    expect(JSON.parse(got[0]!.data).text.content).toBe("/task 7");
    expect(fake.redeliverUnacked()).toEqual([]);
  });

  it("answers the gateway's ping and reconnects through a new gateway-open after a disconnect frame", async () => {
    const got: string[] = [];
    const c = connect((m) => got.push(m.headers.messageId));
    await c.connect();
    await fake.waitFor(() => fake.socketConnected);
    const ping = fake.ping();
    await fake.waitFor(() => fake.acksOf(ping).length > 0);
    expect(fake.acksOf(ping)[0]).toMatchObject({ code: 200, data: fake.pushed.get(ping)!.data });

    fake.dropConnection();
    await fake.waitFor(() => fake.gatewayOpens.length === 2 && fake.socketConnected);
    const { messageId } = fake.pushRobotMessage({ text: "hi" });
    await fake.waitFor(() => got.includes(messageId));
    // Not acknowledged: DingTalk pushes it again with the same id.
    expect(fake.redeliverUnacked()).toEqual([messageId]);
    await fake.waitFor(() => got.filter((id) => id === messageId).length === 2);
  });

  it("a frame that is not JSON is reported and ignored; the connection carries on", async () => {
    const got: string[] = [];
    const problems: string[] = [];
    const c = connect((m) => got.push(m.headers.messageId));
    c.onFrameError = (e) => problems.push(e.message);
    await c.connect();
    await fake.waitFor(() => fake.socketConnected);
    fake.sendRaw("<html>oops</html>");
    const { messageId } = fake.pushRobotMessage({ text: "hi" });
    await fake.waitFor(() => got.includes(messageId));
    expect(problems).toHaveLength(1);
    expect(fake.gatewayOpens).toHaveLength(1);
  });

  it("a wrong secret is refused at the gateway and reported, never connecting", async () => {
    const errors: string[] = [];
    const c = connect(() => undefined, "wrong-secret");
    c.onGatewayError = (e) => errors.push(e.message);
    await c.connect();
    expect(errors[0]).toContain("HTTP 401");
    expect(errors[0]).not.toContain("wrong-secret");
    expect(fake.socketConnected).toBe(false);
  });
});

import { createHmac } from "node:crypto";

/** Slack's v0 request signature headers for a raw body. */
export function slackSignature(secret: string, body: string, ts = Math.floor(Date.now() / 1000)): Record<string, string> {
  const sig = "v0=" + createHmac("sha256", secret).update(`v0:${ts}:${body}`).digest("hex");
  return { "x-slack-request-timestamp": String(ts), "x-slack-signature": sig };
}

export type SlackRequest = { form: Record<string, string> } | { json: unknown };

/**
 * POSTs a signed request the way Slack does. The form content type must be exactly
 * `application/x-www-form-urlencoded` (Bolt compares it with ===), so the body is sent as a string.
 */
export async function postToBolt(
  url: string,
  secret: string,
  request: SlackRequest,
  options: { headers?: Record<string, string>; timestamp?: number } = {},
): Promise<Response> {
  const [body, type] =
    "form" in request
      ? [new URLSearchParams(request.form).toString(), "application/x-www-form-urlencoded"]
      : [JSON.stringify(request.json), "application/json"];
  return fetch(url, {
    method: "POST",
    body,
    headers: { "content-type": type, ...slackSignature(secret, body, options.timestamp), ...options.headers },
  });
}

export const interactionForm = (payload: unknown): SlackRequest => ({ form: { payload: JSON.stringify(payload) } });

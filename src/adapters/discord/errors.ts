/**
 * What to log about an error from discord.js. REST errors carry the request URL, which for
 * interaction callbacks and follow-ups contains the interaction token, and the request body
 * (user content): both are left out or masked. Other errors pass through for pino's serializer.
 */
export function loggable(err: unknown): unknown {
  if (!(err instanceof Error) || !("url" in err) || typeof err.url !== "string") return err;
  const e = err as Error & { url: string; method?: string; status?: number; code?: number | string };
  return {
    type: e.name,
    message: e.message,
    status: e.status,
    code: e.code,
    method: e.method,
    url: maskTokens(e.url),
  };
}

/** `/interactions/<id>/<token>/…` and `/webhooks/<id>/<token>…` with the token masked. */
export function maskTokens(url: string): string {
  return url.replace(/\/(interactions|webhooks)\/(\d+)\/[^/?]+/g, "/$1/$2/[token]");
}

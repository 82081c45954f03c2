import { expect } from "vitest";
import { PostError } from "../../src/scheduler/types.ts";

/** Awaits a post that must fail, and returns its PostError (kind, retryAfterMs, reason). */
export async function postFailure(p: Promise<unknown>): Promise<PostError> {
  const err = await p.then(() => undefined, (e: unknown) => e);
  expect(err).toBeInstanceOf(PostError);
  return err as PostError;
}

import { describe, expect, it } from "vitest";
import { createReadCache } from "../../src/store/read-cache.ts";

describe("read cache", () => {
  it("serves a read for its TTL, reloads after, and forgets on invalidate", async () => {
    let t = 0;
    let loads = 0;
    const cache = createReadCache(5000, () => t);
    const load = async () => ++loads;
    expect(await cache.get("k", load)).toBe(1);
    t = 4999;
    expect(await cache.get("k", load)).toBe(1);
    t = 5000;
    expect(await cache.get("k", load)).toBe(2);
    cache.invalidate("k");
    expect(await cache.get("k", load)).toBe(3);
  });

  it("does not remember a failed read", async () => {
    const cache = createReadCache(5000, () => 0);
    await expect(cache.get("k", () => Promise.reject(new Error("down")))).rejects.toThrow("down");
    expect(await cache.get("k", async () => "up")).toBe("up");
  });
});

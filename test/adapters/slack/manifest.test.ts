import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../../../commands/index.ts";
import { ROOT } from "../../helpers/cli.ts";

const manifest = fs.readFileSync(path.join(ROOT, "slack-app-manifest.yaml"), "utf8");
const declared = [...manifest.matchAll(/^\s*- command: (\/\S+)\s*$/gm)].map((m) => m[1]);
const listItems = (key: string) => {
  const block = new RegExp(`^(\\s*)${key}:\\n((?:\\1\\s+- .*\\n)+)`, "m").exec(manifest)?.[2] ?? "";
  return [...block.matchAll(/- (\S+)/g)].map((m) => m[1]);
};

describe("slack-app-manifest.yaml", () => {
  it("declares the umbrella /duban and every command that has a native slash form", () => {
    expect(declared).toContain("/duban");
    for (const c of commands.filter((c) => c.slash)) expect(declared, `/${c.name} is missing from the manifest`).toContain(`/${c.name}`);
    expect(new Set(declared).size).toBe(declared.length);
  });

  it("subscribes to what the adapter listens to, with the scopes those need", () => {
    expect(listItems("bot_events").sort()).toEqual(["app_home_opened", "app_mention", "message.channels", "message.groups", "message.im"]);
    expect(listItems("bot")).toEqual(expect.arrayContaining(["app_mentions:read", "channels:history", "groups:history", "im:history", "chat:write", "commands", "files:read", "users:read"]));
    expect(manifest).toMatch(/interactivity:\n\s+is_enabled: true/);
    expect(manifest).toMatch(/socket_mode_enabled: true/);
    expect(manifest).toMatch(/home_tab_enabled: true/);
  });
});

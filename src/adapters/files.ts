import fs from "node:fs";
import path from "node:path";
import { translator, DEFAULT_LOCALE, type Translator } from "../core/i18n/index.ts";
import type { Reply, ReplyFile } from "../core/reply.ts";

/** A name safe on every file system: no separators, no control or reserved characters. */
function safeName(name: string): string {
  const cleaned = name.replace(/[\u0000-\u001f<>:"/\\|?*]+/g, "_").replace(/^\.+/, "_").slice(0, 180);
  return cleaned || "file";
}

/**
 * The console's way to send a file: written under `dir` (never over an earlier file: `name-2.xlsx`)
 * and announced with its full path, one line per file.
 */
export function saveReplyFiles(dir: string, files: readonly ReplyFile[], t: Translator): string[] {
  if (!files.length) return [];
  fs.mkdirSync(dir, { recursive: true });
  return files.map((f) => {
    const name = safeName(f.name);
    const ext = path.extname(name);
    const stem = name.slice(0, name.length - ext.length);
    let target = path.join(dir, name);
    for (let n = 2; fs.existsSync(target); n++) target = path.join(dir, `${stem}-${n}${ext}`);
    fs.writeFileSync(target, f.data, { flag: "wx" });
    return t("file.saved", { path: target });
  });
}

/**
 * For a platform that cannot upload files: the reply with its files saved under `dir` and, at
 * its end, a line per file naming it and where it is (an operator fetches it from there).
 */
export function withSavedFiles(reply: Reply, dir: string): Reply {
  if (!reply.files?.length) return reply;
  const t = translator(reply.locale ?? DEFAULT_LOCALE);
  const lines = saveReplyFiles(dir, reply.files, t);
  const { files: _files, ...rest } = reply;
  return { ...rest, blocks: [...reply.blocks, ...lines.map((text) => ({ type: "context" as const, text }))] };
}

import type { Writable } from "node:stream";
import { translator, type Locale } from "../../core/i18n/index.ts";
import type { Reply } from "../../core/reply.ts";
import type { Poster, PostTarget } from "../../scheduler/types.ts";
import { saveReplyFiles } from "../files.ts";
import { formatReplyText } from "./format.ts";

/** Scheduled digests and reminders for the console: printed, one message after another. */
export function createConsolePoster(output: Writable, locale: Locale, filesDir?: string): Poster {
  const t = translator(locale);
  let seq = 0;
  return {
    async post(target: PostTarget, reply: Reply) {
      const to = "userId" in target ? `@${target.userId}` : `#${target.channelId}`;
      output.write(`\n[${to}]\n${formatReplyText(reply, t)}\n`);
      if (filesDir && reply.files?.length) output.write(`${saveReplyFiles(filesDir, reply.files, t).join("\n")}\n`);
      return { messageRef: `console:${++seq}` };
    },
    acceptsFiles: () => Boolean(filesDir),
  };
}

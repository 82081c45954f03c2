import type { Attachment as DiscordAttachment, Collection } from "discord.js";
import { AttachmentError, type Attachment } from "../../core/context.ts";
import { download } from "../download.ts";

/** Discord's CDN hosts, and the configured API host (a local fake in tests). */
function trustedHost(url: string, apiUrl: string | undefined): boolean {
  try {
    const host = new URL(url).hostname;
    if (host === "cdn.discordapp.com" || host === "media.discordapp.net") return true;
    return apiUrl !== undefined && new URL(apiUrl).hostname === host;
  } catch {
    return false;
  }
}

/**
 * A message's attachments → the core's attachments, downloaded only when the core asks, from the
 * attachment's signed CDN URL (no token needed; the URL expires after about a day, which is why a
 * late download can fail and says so).
 */
export function discordAttachments(list: Collection<string, DiscordAttachment> | undefined, apiUrl?: string): Attachment[] | undefined {
  const files = [...(list?.values() ?? [])];
  if (!files.length) return undefined;
  return files.map((a): Attachment => ({
    name: a.name,
    size: typeof a.size === "number" ? a.size : null,
    ...(a.contentType ? { mimeType: a.contentType } : {}),
    async fetch(maxBytes) {
      if (!trustedHost(a.url, apiUrl)) throw new AttachmentError("unavailable", "the attachment's link does not point to Discord");
      try {
        return await download(a.url, { maxBytes });
      } catch (err) {
        if (err instanceof AttachmentError && err.code === "unavailable" && /HTTP (403|404)/.test(err.message)) {
          throw new AttachmentError("unavailable", `${err.message}; the attachment link may have expired`);
        }
        throw err;
      }
    },
  }));
}

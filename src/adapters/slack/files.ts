import type { webApi } from "@slack/bolt";
import type { Attachment } from "../../core/context.ts";
import { AttachmentError } from "../../core/context.ts";
import { download } from "../download.ts";

/** The fields of a Slack file object the adapter reads (message `files`, `files.info`). */
export interface SlackFile {
  id: string;
  name?: string;
  title?: string;
  mimetype?: string;
  size?: number;
  url_private?: string;
  url_private_download?: string;
  /** `hidden_by_limit` (free workspace history limit), `tombstone` (deleted)… */
  mode?: string;
  /** `check_file_info`: the event carries only the id; files.info has the rest. */
  file_access?: string;
}

/** Hosts the bot token may be sent to: Slack's own, and the configured API host (a local fake in tests). */
function trustedHost(url: string, apiUrl: string | undefined): boolean {
  try {
    const host = new URL(url).hostname;
    if (host === "slack.com" || host.endsWith(".slack.com") || host.endsWith(".slack-edge.com")) return true;
    return apiUrl !== undefined && new URL(apiUrl).hostname === host;
  } catch {
    return false;
  }
}

const HTML_MEANS = "Slack sent a sign-in page instead of the file (the app needs the files:read scope)";

/**
 * Files the event only names (`file_access: check_file_info`, as in shared channels) described
 * with files.info; a file Slack will not describe stays as it was (and is refused by name later).
 */
export async function describeFiles(files: SlackFile[] | undefined, client: webApi.WebClient): Promise<SlackFile[] | undefined> {
  if (!files?.some((f) => f && (f.file_access === "check_file_info" || !f.name))) return files;
  return Promise.all(
    files.map(async (f) => {
      if (!f || (f.file_access !== "check_file_info" && f.name)) return f;
      try {
        return ((await client.files.info({ file: f.id })).file as SlackFile | undefined) ?? f;
      } catch {
        return f;
      }
    }),
  );
}

/**
 * Slack files shared with a message → the core's attachments. The file is downloaded only when
 * the core asks, from `url_private_download` with the bot token (Slack answers a token without
 * files:read with a sign-in page, which is refused as such); a file the event only names is
 * looked up with files.info first.
 */
export function slackAttachments(files: SlackFile[] | undefined, deps: { token: string; client: webApi.WebClient; apiUrl?: string }): Attachment[] | undefined {
  const usable = (files ?? []).filter((f) => f && typeof f.id === "string" && f.mode !== "tombstone");
  if (!usable.length) return undefined;
  return usable.map((f): Attachment => ({
    name: f.name || f.title || f.id,
    size: typeof f.size === "number" ? f.size : null,
    ...(f.mimetype ? { mimeType: f.mimetype } : {}),
    async fetch(maxBytes) {
      let file = f;
      if (!file.url_private_download && !file.url_private) {
        if (file.mode === "hidden_by_limit") throw new AttachmentError("unavailable", "Slack hides this file (the workspace's history limit)");
        try {
          file = ((await deps.client.files.info({ file: f.id })).file as SlackFile | undefined) ?? f;
        } catch (err) {
          throw new AttachmentError("unavailable", `Slack did not describe the file (${(err as { data?: { error?: string } }).data?.error ?? (err as Error).message})`);
        }
      }
      const url = file.url_private_download ?? file.url_private;
      if (!url) throw new AttachmentError("unavailable", "Slack gave no download link for the file");
      if (!trustedHost(url, deps.apiUrl)) throw new AttachmentError("unavailable", "the file's link does not point to Slack");
      return download(url, { headers: { authorization: `Bearer ${deps.token}` }, maxBytes, htmlMeans: HTML_MEANS });
    },
  }));
}

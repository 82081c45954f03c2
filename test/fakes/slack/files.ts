import type http from "node:http";
import { parseMultipart } from "../multipart.ts";

/** A file the fake hosts (shared in a message); `fileObject` is what events and files.info carry. */
export interface HostedFile {
  id: string;
  name: string;
  bytes: Buffer;
  mimetype: string;
}

/**
 * The fake Slack's files: those members shared (served at `url_private_download` to the bot token
 * only, as files.info describes them) and those the bot uploads (files upload v2). The HTTP
 * server and the Web API are FakeSlack's; it hands the file paths and `files.*` methods here.
 */
export class SlackFileHost {
  /** Files shared in messages, by id, served at `url_private_download` to the bot token only. */
  readonly files = new Map<string, HostedFile>();
  /** Every request for a file's bytes: its path and whether it carried the bot token. */
  readonly downloads: { path: string; auth?: string }[] = [];
  /**
   * Files uploaded by the bot (files upload v2): files.getUploadURLExternal reserves an id and an
   * upload URL for a declared length, the bytes are POSTed there, files.completeUploadExternal
   * shares them into a conversation. Reserved ones by id; completed ones in order.
   */
  readonly pendingUploads = new Map<string, { id: string; filename: string; length: number; bytes?: Buffer }>();
  readonly uploaded: { id: string; filename: string; title: string; channel: string; threadTs?: string; bytes: Buffer }[] = [];
  private fileSeq = 0;

  /** `server`: the fake's port and the token `url_private_download` accepts, read when used. */
  constructor(private readonly server: { readonly port: number; readonly botToken: string }) {}

  /**
   * Hosts a file as if a member had uploaded it; returns the file object a `file_share` message
   * event carries (`url_private_download` on this fake).
   */
  hostFile(name: string, bytes: Buffer | string, mimetype = "application/octet-stream"): Record<string, unknown> {
    const id = `F0${String(++this.fileSeq).padStart(8, "0")}`;
    const file: HostedFile = { id, name, bytes: Buffer.from(bytes), mimetype };
    this.files.set(id, file);
    return this.fileObject(file);
  }

  private fileObject(f: HostedFile): Record<string, unknown> {
    const base = `http://127.0.0.1:${this.server.port}/files-pri/T0TEST-${f.id}`;
    return {
      id: f.id, created: Math.floor(Date.now() / 1000), timestamp: Math.floor(Date.now() / 1000), name: f.name, title: f.name,
      mimetype: f.mimetype, filetype: f.name.split(".").pop() ?? "", pretty_type: "File", user: "U0ALICE", mode: "hosted",
      editable: false, is_external: false, external_type: "", is_public: false, public_url_shared: false, size: f.bytes.length,
      url_private: `${base}/${encodeURIComponent(f.name)}`, url_private_download: `${base}/download/${encodeURIComponent(f.name)}`,
      permalink: `https://fake.slack.com/files/U0ALICE/${f.id}/${encodeURIComponent(f.name)}`,
    };
  }

  /**
   * Answers a request for a file's bytes (`/files-pri/…`), an upload (`/upload/<id>`) or the
   * sign-in page; false for any other path.
   */
  serve(req: http.IncomingMessage, url: URL, bytes: Buffer, res: http.ServerResponse): boolean {
    if (url.pathname.startsWith("/files-pri/")) {
      // As Slack does: the file to a request with the bot token; anyone else is redirected to a
      // sign-in page answered with status 200 and HTML.
      this.downloads.push({ path: url.pathname, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}) });
      const id = /^\/files-pri\/T0TEST-(F\w+)\//.exec(url.pathname)?.[1] ?? "";
      const file = this.files.get(id);
      if (req.headers.authorization !== `Bearer ${this.server.botToken}`) {
        res.writeHead(302, { location: `http://127.0.0.1:${this.server.port}/signin?redir=${encodeURIComponent(url.pathname)}` });
        res.end();
      } else if (!file) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("file not found");
      } else {
        res.writeHead(200, { "content-type": file.mimetype, "content-length": String(file.bytes.length) });
        res.end(file.bytes);
      }
      return true;
    }
    if (req.method === "POST" && url.pathname.startsWith("/upload/")) {
      // Slack's upload URL takes the bytes (raw or a multipart form) and answers 200 "OK - <length>".
      const pending = this.pendingUploads.get(url.pathname.slice("/upload/".length));
      if (!pending) {
        res.writeHead(404, { "content-type": "text/plain" });
        res.end("unknown upload");
        return true;
      }
      const form = parseMultipart(req.headers["content-type"], bytes);
      pending.bytes = form ? (form.find((p) => p.filename !== undefined)?.data ?? Buffer.alloc(0)) : bytes;
      res.writeHead(200, { "content-type": "text/plain" });
      res.end(`OK - ${bytes.length}`);
      return true;
    }
    if (url.pathname === "/signin") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end("<!DOCTYPE html><html><head><title>Sign in | Slack</title></head><body>Sign in to Fake</body></html>");
      return true;
    }
    return false;
  }

  /** The `files.*` Web API methods: the answer's body, or undefined for another method. */
  api(method: string, args: Record<string, any>): Record<string, unknown> | undefined {
    switch (method) {
      case "files.getUploadURLExternal": {
        const length = Number(args.length);
        if (!args.filename || !Number.isInteger(length) || length <= 0) return { ok: false, error: "invalid_arguments" };
        const id = `F0UP${this.pendingUploads.size + 1}`;
        this.pendingUploads.set(id, { id, filename: String(args.filename), length });
        return { ok: true, upload_url: `http://127.0.0.1:${this.server.port}/upload/${id}`, file_id: id };
      }
      case "files.completeUploadExternal": {
        const files = (typeof args.files === "string" ? JSON.parse(args.files) : args.files) as { id: string; title?: string }[];
        if (!Array.isArray(files) || !files.length) return { ok: false, error: "invalid_arguments" };
        const done = [];
        for (const f of files ?? []) {
          const pending = this.pendingUploads.get(f.id);
          // Slack completes only what was uploaded in full.
          if (!pending?.bytes || pending.bytes.length !== pending.length) return { ok: false, error: "file_not_found" };
          done.push({ pending, title: f.title ?? pending.filename });
        }
        for (const { pending, title } of done) {
          this.pendingUploads.delete(pending.id);
          if (args.channel_id) {
            this.uploaded.push({ id: pending.id, filename: pending.filename, title, channel: String(args.channel_id), ...(args.thread_ts ? { threadTs: String(args.thread_ts) } : {}), bytes: pending.bytes! });
          }
        }
        return { ok: true, files: done.map(({ pending, title }) => ({ id: pending.id, name: pending.filename, title })) };
      }
      case "files.info": {
        const file = this.files.get(String(args.file));
        if (!file) return { ok: false, error: "file_not_found" };
        return { ok: true, file: this.fileObject(file) };
      }
      default:
        return undefined;
    }
  }
}

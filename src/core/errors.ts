import type { MessageKey, MessageParams } from "./i18n/index.ts";

/**
 * An expected failure that becomes a reply in the user's language. `key` names the message in
 * the catalogs; `params` fill it.
 */
export class DubanError extends Error {
  constructor(
    readonly code: string,
    readonly key: MessageKey,
    readonly params: MessageParams = {},
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${key}`, options);
    this.name = new.target.name;
  }
}

export class UsageError extends DubanError {
  constructor(key: MessageKey, params: MessageParams = {}) {
    super("usage", key, params);
  }
}

export class NotFoundError extends DubanError {
  constructor(key: MessageKey, params: MessageParams = {}) {
    super("not_found", key, params);
  }
}

export class PermissionError extends DubanError {
  constructor(key: MessageKey, params: MessageParams = {}) {
    super("permission", key, params);
  }
}

/**
 * The store or a platform is temporarily unreachable: try again later, nothing was written (or,
 * with `error.unavailableMaybeWritten`, a write was sent and its confirmation lost).
 */
export class UnavailableError extends DubanError {
  constructor(cause?: unknown, key: "error.unavailable" | "error.unavailableMaybeWritten" = "error.unavailable") {
    super("unavailable", key, {}, { cause });
  }
}

/** The shipped template's files (templates/pglite/). */
export declare const SHIPPED: { tar: string; manifest: string };
export interface ShippedManifest {
  pglite: string;
  optionsHash: string;
  tarSha256: string;
  tarBytes: number;
  catalog: Record<string, unknown>;
}
/** The installed @electric-sql/pglite version. */
export declare function pgliteVersion(): string;
/** The hash of the store's PGlite options that names the template. */
export declare function optionsHash(): string;
/** The shipped template's tar image when it fits the installed PGlite and options, else why not. */
export declare function shippedTemplate(installed?: { pglite: string; optionsHash: string }, files?: { tar: string; manifest: string }): { tar: Buffer; manifest: ShippedManifest; reason?: undefined } | { reason: string; tar?: undefined };
/** Catalog size, encoding, locale and time zone of an open PGlite database. */
export declare function catalogFacts(db: { query: (sql: string) => Promise<{ rows: unknown[] }> }): Promise<Record<string, unknown>>;
/** The prepared template's directory, made first when missing. */
export declare function ensureTemplate(options?: { forceInitdb?: boolean }): Promise<string>;

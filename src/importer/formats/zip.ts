import { unzipSync } from "fflate";
import { ImportError } from "../types.ts";

/** Uncompressed size allowed for the parts we read: a plan's XML is far smaller; more is a zip bomb. */
const MAX_PART_BYTES = 64 * 1024 * 1024;
const MAX_TOTAL_BYTES = 256 * 1024 * 1024;

export type ZipParts = Map<string, Uint8Array>;

/** Lists the entry names of a ZIP archive without inflating anything; null when it is not a readable ZIP. */
export function zipNames(bytes: Uint8Array): string[] | null {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return false;
      },
    });
  } catch {
    return null;
  }
  return names;
}

/** Inflates the entries whose names `want` accepts, refusing oversized parts. */
export function readZip(bytes: Uint8Array, want: (name: string) => boolean): ZipParts {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        if (!want(f.name)) return false;
        total += f.originalSize;
        if (f.originalSize > MAX_PART_BYTES || total > MAX_TOTAL_BYTES) {
          throw new ImportError("binary", `the file's part ${f.name} unpacks to ${Math.round(f.originalSize / 1048576)} MB: too large for a plan document`);
        }
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw new ImportError("binary", `the file is a damaged ZIP archive (${(err as Error).message})`);
  }
  return new Map(Object.entries(files));
}

export function partText(parts: ZipParts, name: string): string | null {
  const bytes = parts.get(name);
  return bytes ? new TextDecoder("utf-8").decode(bytes) : null;
}

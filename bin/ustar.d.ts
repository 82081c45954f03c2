/** One checked entry of a tar image (see ustar.js); `data` is a view into the image. */
export interface TarEntry {
  name: string;
  parts: string[];
  type: "file" | "dir";
  mode: number;
  data: Buffer;
}
/** The path parts of an entry's name inside the target directory; throws on "..". */
export declare function safeParts(name: string): string[];
/** The entries of a tar image; throws on a damaged header, a link or device, or a ".." name. */
export declare function readTar(buf: Buffer): TarEntry[];
/** Writes a tar image under `dest` (nothing when any entry is refused); returns the entry count. */
export declare function extractTar(buf: Buffer, dest: string): number;
/** A tar image of everything under `dir` (directories and regular files, in name order). */
export declare function writeTar(dir: string): Buffer;

/**
 * Names of the streams and storages in an OLE2 compound file (.doc, .wps, .xls), read from its
 * directory: enough to tell the formats apart. Returns null when the structure is damaged.
 */
export function oleEntryNames(bytes: Uint8Array): string[] | null {
  if (bytes.length < 512) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const shift = view.getUint16(0x1e, true);
  if (shift !== 9 && shift !== 12) return null;
  const size = 1 << shift;
  const sectorCount = Math.floor((bytes.length - size) / size) + 1;
  const offsetOf = (sector: number): number => (sector + 1) * size;
  const fatSectors: number[] = [];
  for (let i = 0; i < 109; i++) {
    const s = view.getUint32(0x4c + i * 4, true);
    if (s < 0xfffffffa) fatSectors.push(s);
  }
  let difat = view.getUint32(0x44, true);
  for (let guard = 0; difat < 0xfffffffa && guard < 1000; guard++) {
    if (offsetOf(difat) + size > bytes.length) return null;
    for (let i = 0; i < size / 4 - 1; i++) {
      const s = view.getUint32(offsetOf(difat) + i * 4, true);
      if (s < 0xfffffffa) fatSectors.push(s);
    }
    difat = view.getUint32(offsetOf(difat) + size - 4, true);
  }
  const next = (sector: number): number => {
    const perSector = size / 4;
    const fat = fatSectors[Math.floor(sector / perSector)];
    if (fat === undefined || offsetOf(fat) + size > bytes.length) return 0xfffffffe;
    return view.getUint32(offsetOf(fat) + (sector % perSector) * 4, true);
  };
  const names: string[] = [];
  let sector = view.getUint32(0x30, true);
  for (let guard = 0; sector < 0xfffffffa && guard <= sectorCount; guard++) {
    const base = offsetOf(sector);
    if (base + size > bytes.length) return null;
    for (let e = 0; e < size / 128; e++) {
      const at = base + e * 128;
      const length = view.getUint16(at + 64, true);
      const type = bytes[at + 66];
      if (length < 2 || length > 64 || (type !== 1 && type !== 2 && type !== 5)) continue;
      let name = "";
      for (let i = 0; i < length - 2; i += 2) name += String.fromCharCode(view.getUint16(at + i, true));
      names.push(name);
    }
    sector = next(sector);
  }
  return names;
}

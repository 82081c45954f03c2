/**
 * The long connection's frame, `pbbp2.Frame` in the SDK (protobuf; the SDK does not export its
 * codec, so the fake has this small one):
 *
 *     message Header { required string key = 1; required string value = 2; }
 *     message Frame {
 *       required uint64 SeqID = 1; required uint64 LogID = 2;
 *       required int32 service = 3; required int32 method = 4;   // method 0 control, 1 data
 *       repeated Header headers = 5;                             // type, message_id, sum, seq, trace_id, biz_rt
 *       optional string payloadEncoding = 6; optional string payloadType = 7;
 *       optional bytes payload = 8; optional string LogIDNew = 9;
 *     }
 */
export interface Frame {
  SeqID: number;
  LogID: number;
  service: number;
  method: number;
  headers: { key: string; value: string }[];
  payloadEncoding?: string;
  payloadType?: string;
  payload?: Uint8Array;
  LogIDNew?: string;
}

export const METHOD = { control: 0, data: 1 } as const;

function varint(n: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(n));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v) byte |= 0x80;
    out.push(byte);
  } while (v);
  return out;
}

function bytesField(field: number, data: Uint8Array): number[] {
  return [...varint((field << 3) | 2), ...varint(data.length), ...data];
}

const utf8 = (s: string) => new TextEncoder().encode(s);

export function encodeFrame(f: Frame): Uint8Array {
  const out: number[] = [...varint(1 << 3), ...varint(f.SeqID), ...varint(2 << 3), ...varint(f.LogID), ...varint(3 << 3), ...varint(f.service), ...varint(4 << 3), ...varint(f.method)];
  for (const h of f.headers) out.push(...bytesField(5, new Uint8Array([...bytesField(1, utf8(h.key)), ...bytesField(2, utf8(h.value))])));
  if (f.payloadEncoding !== undefined) out.push(...bytesField(6, utf8(f.payloadEncoding)));
  if (f.payloadType !== undefined) out.push(...bytesField(7, utf8(f.payloadType)));
  if (f.payload !== undefined) out.push(...bytesField(8, f.payload));
  if (f.LogIDNew !== undefined) out.push(...bytesField(9, utf8(f.LogIDNew)));
  return new Uint8Array(out);
}

/** Reads fields (varints as numbers, length-delimited as bytes); throws on anything malformed. */
function* fields(buf: Uint8Array): Generator<{ field: number; wire: number; value: number | Uint8Array }> {
  let pos = 0;
  const readVarint = (): bigint => {
    let result = 0n;
    for (let shift = 0n; ; shift += 7n) {
      if (pos >= buf.length || shift > 63n) throw new Error("truncated varint");
      const b = buf[pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return result;
    }
  };
  while (pos < buf.length) {
    const tag = Number(readVarint());
    const field = tag >> 3;
    const wire = tag & 7;
    if (wire === 0) yield { field, wire, value: Number(readVarint()) };
    else if (wire === 2) {
      const len = Number(readVarint());
      if (pos + len > buf.length) throw new Error("truncated field");
      yield { field, wire, value: buf.subarray(pos, pos + len) };
      pos += len;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
}

const text = (v: number | Uint8Array) => new TextDecoder().decode(v as Uint8Array);

export function decodeFrame(buf: Uint8Array): Frame {
  const f: Frame = { SeqID: 0, LogID: 0, service: 0, method: 0, headers: [] };
  for (const { field, value } of fields(buf)) {
    if (field === 1) f.SeqID = value as number;
    else if (field === 2) f.LogID = value as number;
    else if (field === 3) f.service = value as number;
    else if (field === 4) f.method = value as number;
    else if (field === 5) {
      const h = { key: "", value: "" };
      for (const sub of fields(value as Uint8Array)) {
        if (sub.field === 1) h.key = text(sub.value);
        if (sub.field === 2) h.value = text(sub.value);
      }
      f.headers.push(h);
    } else if (field === 6) f.payloadEncoding = text(value);
    else if (field === 7) f.payloadType = text(value);
    else if (field === 8) f.payload = new Uint8Array(value as Uint8Array);
    else if (field === 9) f.LogIDNew = text(value);
  }
  return f;
}

export function header(f: Frame, key: string): string | undefined {
  return f.headers.find((h) => h.key === key)?.value;
}

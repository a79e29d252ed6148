// The encoding of a committed batch in the journal. Records of one batch share a lot: an element's
// lifecycle records carry the same value object, positions and timestamps are close together, and
// there are few distinct record kinds. So a batch is one JSON array holding each distinct value
// once (by object identity), the kinds once, and per record six numbers. That is about a third of
// the plain JSON, faster to write and to read back, and decoding shares values between records
// the way the live records shared them. A value written with tree paths (processors/instance/tree-path.ts) is
// stored as its base value's index and the three paths (format 3), not as a second copy of the value.
import type { EngineRecord, RecordType, RejectionType } from '../protocol/record';
import type { ProcessInstanceValue, ValueType } from '../protocol/values';
import { treePathBase, withTreePath } from '../processors/instance/tree-path';

/** First element of an encoded batch; format 2 (no paths) and plain JSON `{"r":…}` rows (format 1) are read as well. */
const VERSION = 3;
const FIELDS = 6;

type Encoded = [
  version: number,
  firstPosition: number,
  firstTimestamp: number,
  kinds: string[],
  headers: number[],
  values: unknown[],
  processed: number[],
  rejections: [index: number, type: RejectionType, reason: string][],
  /** Values with tree paths: their slot in `values`, their base value's slot, and the paths. */
  derived?: [index: number, base: number, ...paths: unknown[]][],
];

export interface DecodedBatch {
  records: EngineRecord[];
  processed: number[];
}

export function encodeBatch(records: readonly EngineRecord[], processed: readonly number[]): string {
  const values: unknown[] = [];
  const valueIndex = new Map<unknown, number>();
  const kinds: string[] = [];
  // recordType → valueType → intent → index, so no string is built per record
  const kindIndex = new Map<string, Map<string, Map<string, number>>>();
  const p0 = records.length > 0 ? records[0].position : 0;
  const t0 = records.length > 0 ? records[0].timestamp : 0;
  const headers = new Array<number>(records.length * FIELDS);
  const rejections: Encoded[7] = [];
  const derived: NonNullable<Encoded[8]> = [];
  const indexOf = (value: unknown): number => {
    let v = valueIndex.get(value);
    if (v !== undefined) return v;
    const base = treePathBase(value as object);
    if (base) {
      const b = indexOf(base);
      const p = value as ProcessInstanceValue;
      v = values.length;
      values.push(0);
      derived.push([v, b, p.elementInstancePath, p.processDefinitionPath, p.callingElementPath]);
    } else {
      v = values.length;
      values.push(value);
    }
    valueIndex.set(value, v);
    return v;
  };
  for (let i = 0, j = 0; i < records.length; i++, j += FIELDS) {
    const r = records[i];
    const v = indexOf(r.value);
    let byValueType = kindIndex.get(r.recordType);
    if (byValueType === undefined) kindIndex.set(r.recordType, (byValueType = new Map()));
    let byIntent = byValueType.get(r.valueType);
    if (byIntent === undefined) byValueType.set(r.valueType, (byIntent = new Map()));
    let k = byIntent.get(r.intent);
    if (k === undefined) {
      k = kinds.length;
      kinds.push(`${r.recordType} ${r.valueType} ${r.intent}`);
      byIntent.set(r.intent, k);
    }
    headers[j] = r.position - p0;
    headers[j + 1] = r.position - r.sourceRecordPosition;
    headers[j + 2] = r.key;
    headers[j + 3] = r.timestamp - t0;
    headers[j + 4] = k;
    headers[j + 5] = v;
    if (r.rejectionType !== undefined) rejections.push([i, r.rejectionType, r.rejectionReason ?? '']);
  }
  const encoded: Encoded = [VERSION, p0, t0, kinds, headers, values, processed as number[], rejections];
  if (derived.length > 0) encoded.push(derived);
  return JSON.stringify(encoded);
}

export function decodeBatch(data: string): DecodedBatch {
  if (data.startsWith('{')) {
    const legacy = JSON.parse(data) as { r: EngineRecord[]; p: number[] };
    return { records: legacy.r, processed: legacy.p };
  }
  const [version, p0, t0, kindNames, h, values, processed, rejections, derived] = JSON.parse(data) as Encoded;
  if (version !== VERSION && version !== 2) throw new Error(`journal batch of unknown encoding ${version}`);
  for (const [i, b, elementInstancePath, processDefinitionPath, callingElementPath] of derived ?? [])
    values[i] = withTreePath(values[b] as ProcessInstanceValue, {
      elementInstancePath: elementInstancePath as number[][],
      processDefinitionPath: processDefinitionPath as number[],
      callingElementPath: callingElementPath as number[],
    });
  const kinds = kindNames.map((k) => k.split(' ') as [RecordType, ValueType, string]);
  const records = new Array<EngineRecord>(h.length / FIELDS);
  for (let i = 0, j = 0; j < h.length; i++, j += FIELDS) {
    const position = p0 + h[j];
    const [recordType, valueType, intent] = kinds[h[j + 4]];
    records[i] = {
      position,
      sourceRecordPosition: position - h[j + 1],
      key: h[j + 2],
      timestamp: t0 + h[j + 3],
      recordType,
      valueType,
      intent,
      value: values[h[j + 5]] as never,
    };
  }
  for (const [i, rejectionType, rejectionReason] of rejections)
    Object.assign(records[i], { rejectionType, rejectionReason });
  return { records, processed };
}

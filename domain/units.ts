// A unit named by its code (the BPMN candidate group) inside a use case: an unknown code is an input error
// naming the field it came from.
import type { Tx } from './db/client';
import { invalid } from './errors';

export async function unitByCode(tx: Tx, code: string, field?: string) {
  const unit = await tx.unit.findUnique({ where: { code } });
  if (!unit) throw invalid(`单位代码“${code}”不存在`, field);
  return unit;
}

// The task force's roster (the plan's attachment): its positions by body — 专班领导 (组长, 副组长), 专班办公室
// (主任, 副主任, 成员) and each unit's 主要领导 and 科级牵头领导 — and the names of their holders. Names are never
// seeded: an admin enters them one by one or imports a CSV (职务代码,姓名). Every change is audited; an import
// with any bad line changes nothing.
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import type { Db } from '../db/client';
import { invalid, notFound } from '../errors';

export function listRoster(db: Db) {
  return db.position.findMany({
    orderBy: { sortOrder: 'asc' },
    include: { unit: { select: { code: true, shortName: true } } },
  });
}

const holderName = z
  .string()
  .trim()
  .min(1, '请填写姓名')
  .max(30, '姓名不超过30个字')
  .refine((s) => !/[,，;；\d@]/.test(s), '姓名不能含有逗号、分号、数字或@');

/** Sets (or, with null, clears) the name of a position's holder. */
export async function setHolderName(db: Db, actor: Actor, code: string, raw: unknown) {
  const name = holderName.nullable().parse(raw);
  return audited(db, async (tx) => {
    const before = await tx.position.findUnique({ where: { code } });
    if (!before) throw notFound('职务');
    const after = await tx.position.update({ where: { code }, data: { holderName: name } });
    await audit(tx, actor, {
      action: 'position.update',
      entity: 'position',
      entityId: before.id,
      unitId: before.unitId,
      before,
      after,
    });
    return after;
  });
}

/** Splits CSV text into rows of cells; quoted cells may hold commas and doubled quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    if (!line.trim()) continue;
    const cells: string[] = [];
    let cell = '';
    let quoted = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (quoted && c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = !quoted;
      else if (c === ',' && !quoted) {
        cells.push(cell.trim());
        cell = '';
      } else cell += c;
    }
    cells.push(cell.trim());
    rows.push(cells);
  }
  return rows;
}

/**
 * Imports holders' names from CSV text with the header 职务代码,姓名 (an empty name clears the holder).
 * Every line is checked before anything changes; the first problem is reported with its line number.
 */
export async function importRosterCsv(db: Db, actor: Actor, text: string): Promise<{ updated: number }> {
  const [header, ...lines] = parseCsv(text);
  if (!header || header[0] !== '职务代码' || header[1] !== '姓名')
    throw invalid('CSV 第1行应为表头“职务代码,姓名”', 'file');
  if (lines.length === 0) throw invalid('CSV 中没有数据行', 'file');
  const positions = await db.position.findMany();
  const seen = new Set<string>();
  const changes = lines.map(([code = '', name = ''], i) => {
    const line = i + 2;
    const position = positions.find((p) => p.code === code);
    if (!position) throw invalid(`CSV 第${line}行：职务代码“${code}”不存在`, 'file');
    if (seen.has(code)) throw invalid(`CSV 第${line}行：职务代码“${code}”重复`, 'file');
    seen.add(code);
    const parsed = name === '' ? { success: true as const, data: null } : holderName.safeParse(name);
    if (!parsed.success) throw invalid(`CSV 第${line}行：${parsed.error.issues[0].message}`, 'file');
    return { position, name: parsed.data };
  });
  return audited(db, async (tx) => {
    let updated = 0;
    for (const { position, name } of changes) {
      if (position.holderName === name) continue;
      const after = await tx.position.update({ where: { id: position.id }, data: { holderName: name } });
      await audit(tx, actor, {
        action: 'position.import',
        entity: 'position',
        entityId: position.id,
        unitId: position.unitId,
        before: position,
        after,
      });
      updated++;
    }
    return { updated };
  });
}

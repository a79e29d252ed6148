// 考核 per unit and period: each dimension's score (computed from its measures by their shares, or the office's
// entry with its reason), the weighted total and the rank, as of `now`. A computed dimension with nothing due in
// the period scores full marks (nothing was missed); a manual dimension without an entry counts 0 and is flagged.
import { z } from 'zod';
import { audit, audited, type Actor } from '../audit';
import type { Db } from '../db/client';
import { invalid, notFound } from '../errors';
import { computeMeasures, type MeasureResult, type TracedRecord } from './measures';
import { parsePeriod, type Period } from './period';
import {
  dimensionNames,
  loadRules,
  measures as measureCodes,
  type AssessmentRules,
  type Measure,
} from './rules';
import { peopleNames } from '../people-names';

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

export interface DimensionScore {
  code: string;
  name: string;
  weight: number;
  manual: boolean;
  /** 0–100, one decimal; null for a manual dimension the office has not scored. */
  score: number | null;
  /** The points it adds to the total (weight × score / 100), two decimals. */
  points: number;
  note: string | null;
  measures: (Omit<MeasureResult, 'records' | 'score'> & { share: number; score: number | null })[];
  /** enteredBy the sign-in name, enteredByName the person's display name. */
  entry: { score: number; reason: string; enteredBy: string; enteredByName: string; enteredAt: Date } | null;
}

export interface UnitScore {
  rank: number;
  unitCode: string;
  unitName: string;
  total: number;
  incomplete: boolean;
  dimensions: DimensionScore[];
}

/** The units 考核 covers: the office and the member units (those that report weekly). */
function assessedUnits(db: Db) {
  return db.unit.findMany({
    where: { active: true, kind: { in: ['office', 'member'] } },
    orderBy: { sortOrder: 'asc' },
    select: { id: true, code: true, shortName: true },
  });
}

export async function assessmentTable(db: Db, periodKey: unknown, now = new Date()) {
  const period = parsePeriod(periodKey);
  const rules = await loadRules(db);
  const units = await assessedUnits(db);
  const [computed, entries] = await Promise.all([
    computeMeasures(db, period, units, rules.publicityTargetPerQuarter, now),
    db.assessmentEntry.findMany({ where: { period: period.key, unitId: { in: units.map((u) => u.id) } } }),
  ]);
  const nameOf = await peopleNames(
    db,
    entries.map((e) => ({ id: e.enteredById, label: e.enteredBy })),
  );
  const rows = units.map((unit) => {
    const m = computed.get(unit.id)!;
    const dimensions = rules.dimensions.map((d): DimensionScore => {
      const entry = entries.find((e) => e.unitId === unit.id && e.dimension === d.code) ?? null;
      const parts = d.measures.map((x) => ({
        measure: x.measure,
        label: m[x.measure].label,
        numerator: m[x.measure].numerator,
        denominator: m[x.measure].denominator,
        share: x.share,
        score: m[x.measure].score === null ? null : round(m[x.measure].score!, 1),
      }));
      let score: number | null;
      let note: string | null = null;
      if (d.manual) {
        score = entry?.score ?? null;
        if (!entry) note = '办公室尚未评分，按 0 分计';
      } else {
        const known = d.measures.filter((x) => m[x.measure].score !== null);
        const shares = known.reduce((a, x) => a + x.share, 0);
        if (!known.length) {
          score = 100;
          note = '本期无应计记录，按满分计';
        } else {
          score = known.reduce((a, x) => a + m[x.measure].score! * x.share, 0) / shares;
          if (known.length < d.measures.length) note = '部分计算项本期无应计记录，按其余计算项的占比折算';
        }
      }
      return {
        code: d.code,
        name: d.name,
        weight: d.weight,
        manual: d.manual,
        score: score === null ? null : round(score, 1),
        points: (d.weight * (score ?? 0)) / 100,
        note,
        measures: parts,
        entry: entry && {
          score: entry.score,
          reason: entry.reason,
          enteredBy: entry.enteredBy,
          enteredByName: nameOf({ id: entry.enteredById, label: entry.enteredBy }),
          enteredAt: entry.enteredAt,
        },
      };
    });
    const total = dimensions.reduce((a, d) => a + d.points, 0);
    return {
      unitCode: unit.code,
      unitName: unit.shortName,
      total: round(total, 2),
      incomplete: dimensions.some((d) => d.manual && d.entry === null),
      dimensions: dimensions.map((d) => ({ ...d, points: round(d.points, 2) })),
    };
  });
  const sorted = [...rows].sort((a, b) => b.total - a.total);
  const ranked: UnitScore[] = sorted.map((r) => ({
    ...r,
    rank: 1 + sorted.filter((x) => x.total > r.total).length,
  }));
  return { period, rules, generatedAt: now, rows: ranked };
}
export type AssessmentTable = Awaited<ReturnType<typeof assessmentTable>>;

/** The records behind one measure of one unit, or the entry (and its audited history) of a manual dimension. */
export async function assessmentRecords(
  db: Db,
  query: { period: unknown; unit: unknown; measure: unknown },
  now = new Date(),
): Promise<
  | { period: Period; unitCode: string; unitName: string; title: string; records: TracedRecord[] }
  | {
      period: Period;
      unitCode: string;
      unitName: string;
      title: string;
      history: { at: Date; actor: string; score: unknown; reason: unknown }[];
    }
> {
  const period = parsePeriod(query.period);
  const unit =
    typeof query.unit === 'string' ? await db.unit.findUnique({ where: { code: query.unit } }) : null;
  if (!unit || !['office', 'member'].includes(unit.kind)) throw notFound('考核单位');
  if (typeof query.measure === 'string' && (measureCodes as readonly string[]).includes(query.measure)) {
    const rules = await loadRules(db);
    const m = (await computeMeasures(db, period, [unit], rules.publicityTargetPerQuarter, now)).get(unit.id)!;
    const r = m[query.measure as Measure];
    return { period, unitCode: unit.code, unitName: unit.shortName, title: r.label, records: r.records };
  }
  const dimension = String(query.measure);
  if (!(dimension in dimensionNames)) throw invalid('未知的考核计算项或维度', 'measure');
  const log = await db.auditLog.findMany({
    where: { entity: 'assessmentEntry', entityId: entryKey(unit.id, period.key, dimension) },
    orderBy: { id: 'desc' },
  });
  const nameOf = await peopleNames(
    db,
    log.map((l) => ({ id: l.actorId, label: l.actorLabel })),
  );
  return {
    period,
    unitCode: unit.code,
    unitName: unit.shortName,
    title: dimensionNames[dimension as keyof typeof dimensionNames],
    history: log.map((l) => {
      const after = (l.after ?? {}) as { score?: unknown; reason?: unknown };
      const actorName = nameOf({ id: l.actorId, label: l.actorLabel });
      return { at: l.at, actor: l.actorLabel, actorName, score: after.score, reason: after.reason };
    }),
  };
}

const entryKey = (unitId: number, period: string, dimension: string) => `${unitId}:${period}:${dimension}`;

export const entryInput = z.object({
  period: z.string({ message: '请选择考核期间' }),
  unitCode: z.string({ message: '请选择单位' }).trim().min(1, '请选择单位'),
  dimension: z.string({ message: '请选择考核维度' }),
  score: z
    .number({ message: '分数应为 0–100 的数字' })
    .min(0, '分数不能低于 0')
    .max(100, '分数不能高于 100')
    .refine((v) => Math.round(v * 10) === v * 10, '分数最多保留一位小数'),
  reason: z
    .string({ message: '请填写评分理由' })
    .trim()
    .min(4, '请填写评分理由（至少 4 个字）')
    .max(1000, '评分理由不超过 1000 字'),
});
export type EntryInput = z.input<typeof entryInput>;

/** The office scores a manual dimension for a unit and period, with its reason; a later entry replaces it. */
export async function enterAssessmentScore(db: Db, actor: Actor, raw: EntryInput, rules?: AssessmentRules) {
  const input = entryInput.parse(raw);
  const period = parsePeriod(input.period);
  const dims = (rules ?? (await loadRules(db))).dimensions;
  const dim = dims.find((d) => d.code === input.dimension);
  if (!dim) throw invalid('未知的考核维度', 'dimension');
  if (!dim.manual) throw invalid(`“${dim.name}”由系统根据记录计算，不能人工评分`, 'dimension');
  return audited(db, async (tx) => {
    const unit = await tx.unit.findUnique({ where: { code: input.unitCode } });
    if (!unit || !['office', 'member'].includes(unit.kind)) throw invalid('该单位不参加考核', 'unitCode');
    const where = { unitId_period_dimension: { unitId: unit.id, period: period.key, dimension: dim.code } };
    const before = await tx.assessmentEntry.findUnique({ where });
    const data = {
      score: input.score,
      reason: input.reason,
      enteredById: actor.userId,
      enteredBy: actor.label,
      enteredAt: new Date(),
    };
    const entry = before
      ? await tx.assessmentEntry.update({ where, data })
      : await tx.assessmentEntry.create({
          data: { unitId: unit.id, period: period.key, dimension: dim.code, ...data },
        });
    await audit(tx, actor, {
      action: before ? 'assessmentEntry.update' : 'assessmentEntry.create',
      entity: 'assessmentEntry',
      entityId: entryKey(unit.id, period.key, dim.code),
      unitId: unit.id,
      before: before ?? undefined,
      after: entry,
    });
    return entry;
  });
}

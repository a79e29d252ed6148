// The install seed, idempotent: creates the reference data that is missing (units, positions, plan tasks,
// indicator targets, holiday calendars, deadline rules) and leaves what exists alone, so an admin's edits
// survive restarts and a second run changes nothing. Rows an earlier seed wrote before the plan was known
// (invented task titles, a roster without posts) are brought to the plan's wording once, audited. Creates the one admin account if there is none.
import { audit, audited, systemActor } from '../audit';
import { generatePassword, hashPassword, minPasswordLength } from '../auth/password';
import { passwordProblem } from '../auth/password-policy';
import { chinaHolidays } from '../calendar/holidays-cn';
import { isUniqueViolation, type Db, type Tx } from '../db/client';
import { legacyTaskTitles, planTasks, positions, units } from './reference-organisation';
import { deadlineRules, indicators, legacyIndicatorNames } from './reference-rules';

export interface SeedReport {
  created: Record<string, number>;
  /** Set only when an admin account was created with a generated password: print it once. */
  generatedAdminPassword?: string;
  adminCreated: boolean;
}

async function unitIds(tx: Tx): Promise<Map<string, number>> {
  return new Map((await tx.unit.findMany({ select: { id: true, code: true } })).map((u) => [u.code, u.id]));
}

function unitId(ids: Map<string, number>, code: string): number {
  const id = ids.get(code);
  if (id === undefined) throw new Error(`seed: unit '${code}' is missing`);
  return id;
}

async function seedOrganisation(tx: Tx, count: (what: string) => void): Promise<void> {
  for (const [i, u] of units.entries()) {
    if (await tx.unit.findUnique({ where: { code: u.code } })) continue;
    const row = await tx.unit.create({ data: { ...u, sortOrder: i + 1 } });
    await audit(tx, systemActor, { action: 'unit.create', entity: 'unit', entityId: row.id, after: row });
    count('units');
  }
  const ids = await unitIds(tx);
  for (const [i, p] of positions.entries()) {
    const existing = await tx.position.findUnique({ where: { code: p.code } });
    if (existing) {
      // A roster seeded before the plan's structure was known: give it the roster's body and post.
      if (existing.post === null && p.post !== null) {
        const after = await tx.position.update({
          where: { id: existing.id },
          data: { title: p.title, body: p.body, post: p.post },
        });
        await audit(tx, systemActor, {
          action: 'position.update',
          entity: 'position',
          entityId: existing.id,
          before: existing,
          after,
        });
        count('positionsUpdated');
      }
      continue;
    }
    const { unit, ...data } = p;
    const row = await tx.position.create({ data: { ...data, unitId: unitId(ids, unit), sortOrder: i + 1 } });
    await audit(tx, systemActor, {
      action: 'position.create',
      entity: 'position',
      entityId: row.id,
      after: row,
    });
    count('positions');
  }
  for (const t of planTasks) {
    const data = {
      number: t.number,
      title: t.title,
      description: t.text,
      area: t.area,
      responsible: t.responsible,
    };
    const taskUnits = t.units.map((code, i) => ({ unitId: unitId(ids, code), isLead: i === 0 }));
    const existing = await tx.planTask.findUnique({ where: { number: t.number }, include: { units: true } });
    if (existing) {
      // Only the invented wording of an earlier seed is replaced; an admin's edit stands.
      if (existing.title !== legacyTaskTitles[t.number] || existing.description !== null) continue;
      await tx.planTaskUnit.deleteMany({ where: { planTaskId: existing.id } });
      const after = await tx.planTask.update({
        where: { id: existing.id },
        data: { ...data, units: { create: taskUnits } },
        include: { units: true },
      });
      await audit(tx, systemActor, {
        action: 'planTask.update',
        entity: 'planTask',
        entityId: existing.id,
        before: existing,
        after,
      });
      count('planTasksReplaced');
      continue;
    }
    const row = await tx.planTask.create({
      data: { ...data, units: { create: taskUnits } },
      include: { units: true },
    });
    await audit(tx, systemActor, {
      action: 'planTask.create',
      entity: 'planTask',
      entityId: row.id,
      after: row,
    });
    count('planTasks');
  }
  for (const [i, ind] of indicators.entries()) {
    const existing = await tx.indicator.findUnique({ where: { code: ind.code } });
    if (existing) {
      // The plan's name in place of one an earlier seed paraphrased.
      if (legacyIndicatorNames[ind.code] === existing.name) {
        const after = await tx.indicator.update({ where: { id: existing.id }, data: { name: ind.name } });
        await audit(tx, systemActor, {
          action: 'indicator.update',
          entity: 'indicator',
          entityId: existing.id,
          before: existing,
          after,
        });
        count('indicatorsRenamed');
      }
      continue;
    }
    const { owners, ...data } = ind;
    const row = await tx.indicator.create({
      data: {
        ...data,
        sortOrder: i + 1,
        owners: { create: owners.map((o) => ({ unitId: unitId(ids, o.unit), target: o.target ?? null })) },
      },
      include: { owners: true },
    });
    await audit(tx, systemActor, {
      action: 'indicator.create',
      entity: 'indicator',
      entityId: row.id,
      after: row,
    });
    count('indicators');
  }
}

async function seedCalendarsAndRules(tx: Tx, count: (what: string) => void): Promise<void> {
  for (const year of chinaHolidays) {
    if (await tx.calendarYear.findUnique({ where: { year: year.year } })) continue;
    await tx.calendarYear.create({
      data: {
        year: year.year,
        source: year.source,
        provisional: year.provisional,
        days: { create: year.days },
      },
    });
    await audit(tx, systemActor, {
      action: 'calendar.create',
      entity: 'calendarYear',
      entityId: year.year,
      after: year,
    });
    count('calendarYears');
  }
  for (const rule of deadlineRules) {
    if (await tx.deadlineRule.findUnique({ where: { code: rule.code } })) continue;
    const row = await tx.deadlineRule.create({ data: rule });
    await audit(tx, systemActor, {
      action: 'deadlineRule.create',
      entity: 'deadlineRule',
      entityId: row.id,
      after: row,
    });
    count('deadlineRules');
  }
}

async function ensureAdmin(
  db: Db,
  password: string | undefined,
): Promise<{ created: boolean; generated?: string }> {
  if (await db.user.findFirst({ where: { role: 'admin' } })) return { created: false };
  // An empty ADMIN_PASSWORD counts as unset: never an admin with an empty (or guessable short) password.
  const given = password?.trim() ? password : undefined;
  if (given !== undefined && passwordProblem(given, 'admin')) {
    throw new Error(
      `ADMIN_PASSWORD is refused: at least ${minPasswordLength} characters, not "admin", not a common or easily guessed password (${passwordProblem(given, 'admin')})`,
    );
  }
  const generated = given === undefined ? generatePassword() : undefined;
  const passwordHash = await hashPassword(given ?? (generated as string));
  const plc = await db.unit.findUnique({ where: { code: 'plc-office' } });
  let created: boolean;
  try {
    created = await audited(db, async (tx) => {
      if (await tx.user.findFirst({ where: { role: 'admin' } })) return false; // a concurrent start won
      const row = await tx.user.create({
        data: {
          username: 'admin',
          displayName: '系统管理员',
          role: 'admin',
          unitId: plc?.id ?? null,
          passwordHash,
          mustChangePassword: true,
        },
      });
      await audit(tx, systemActor, { action: 'user.create', entity: 'user', entityId: row.id, after: row });
      return true;
    });
  } catch (e) {
    // Another replica created the admin between our check and our insert: theirs stands.
    if (!isUniqueViolation(e)) throw e;
    created = false;
  }
  return created ? { created, generated } : { created: false };
}

/** Seeds the reference data and the admin account; ADMIN_PASSWORD sets the admin's first password. */
export async function seed(db: Db, options: { adminPassword?: string } = {}): Promise<SeedReport> {
  const created: Record<string, number> = {};
  const count = (what: string) => (created[what] = (created[what] ?? 0) + 1);
  // A replica seeding at the same moment may win a unique key: run the step again, it then skips what exists.
  const step = async (fn: (tx: Tx) => Promise<void>) => {
    try {
      await audited(db, fn);
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      await audited(db, fn);
    }
  };
  await step((tx) => seedOrganisation(tx, count));
  await step((tx) => seedCalendarsAndRules(tx, count));
  const admin = await ensureAdmin(db, options.adminPassword ?? process.env.ADMIN_PASSWORD);
  return { created, adminCreated: admin.created, generatedAdminPassword: admin.generated };
}

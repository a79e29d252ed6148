// The audit log's vocabulary keeps up with the records it logs: every column of every record type the code
// writes audit rows for has a Chinese name, and every value of every enum column a Chinese label. The record
// types are read from the source (each audit entry names its `entity`), the columns and enums from
// prisma/schema.prisma — a new audited record, column or enum value without a name fails here.
import fs from 'node:fs';
import path from 'node:path';
import { codeNames } from '../../web/server/admin/audit-enums';
import { fieldLabel, isTechnical, secretFields } from '../../web/server/admin/audit-fields';
import { sourceFiles } from '../support/source-files';

const root = path.join(__dirname, '../..');
const latin = /[A-Za-z]/;

/** Every record type an audit entry names. */
function auditedEntities(): string[] {
  const found = new Set<string>();
  const dirs = ['domain', 'workers', 'scheduler', 'cli', 'web/server'].map((d) => path.join(root, d));
  for (const file of dirs.flatMap(sourceFiles)) {
    const text = fs.readFileSync(file, 'utf8');
    if (!/\baudit\(/.test(text)) continue;
    for (const m of text.matchAll(/\bentity: '([a-z][A-Za-z]*)'/g)) found.add(m[1]!);
  }
  return [...found].sort();
}

interface Model {
  fields: { name: string; type: string }[];
}

function schema() {
  // Comments go first: they may hold braces (`// [{ unitCode, name }]`) that would end a block early.
  const text = fs.readFileSync(path.join(root, 'prisma/schema.prisma'), 'utf8').replace(/\/\/.*$/gm, '');
  const enums = new Map<string, string[]>();
  for (const m of text.matchAll(/^enum (\w+) \{([^}]*)\}/gm))
    enums.set(
      m[1]!,
      m[2]!
        .split('\n')
        .map((l) => l.trim())
        .filter(Boolean),
    );
  const models = new Map<string, Model>();
  for (const m of text.matchAll(/^model (\w+) \{([^}]*)\}/gm)) {
    const fields = m[2]!
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('@@'))
      .map((l) => {
        const [name, type] = l.split(/\s+/);
        return { name: name!, type: type!.replace(/[?[\]]/g, '') };
      });
    models.set(m[1]!, { fields });
  }
  // Relations are other models' names: only columns and enums are logged.
  for (const model of models.values()) model.fields = model.fields.filter((f) => !models.has(f.type));
  return { enums, models };
}

// The record types whose rows are not one table's columns (a sign-in, the rules as a whole, an engine process
// or task): their keys are checked on the real rows in audit-changes.test.ts.
const notTables = new Set(['login', 'assessmentRules', 'processInstance', 'userTask']);
// A year's calendar logs its days with it.
const withParts: Record<string, string[]> = { calendarYear: ['CalendarYear', 'CalendarDay'] };

it('names every column and enum value of every audited record in Chinese', () => {
  const entities = auditedEntities();
  // The scan must find the audit entries, or it proves nothing.
  expect(entities.length).toBeGreaterThan(25);
  expect(entities).toEqual(
    expect.arrayContaining(['ledgerItem', 'user', 'planTask', 'unit', 'longPendingCase']),
  );
  const { enums, models } = schema();
  expect(models.get('CoordinationMeeting')?.fields.map((f) => f.name)).toContain('updatedAt');
  const missing: string[] = [];
  for (const entity of entities) {
    if (notTables.has(entity)) continue;
    const names = withParts[entity] ?? [entity[0]!.toUpperCase() + entity.slice(1)];
    for (const modelName of names) {
      const model = models.get(modelName);
      if (!model) {
        missing.push(`${entity}: no model ${modelName}`);
        continue;
      }
      for (const f of model.fields) {
        if (isTechnical(entity, f.name) || secretFields.test(f.name)) continue;
        const label = fieldLabel(entity, f.name);
        if (latin.test(label)) missing.push(`${entity}.${f.name}`);
        for (const value of enums.get(f.type) ?? []) {
          const named = codeNames(entity, f.name)?.[value];
          if (!named || latin.test(named)) missing.push(`${entity}.${f.name} = ${value}`);
        }
      }
    }
  }
  expect(missing).toEqual([]);
});

it('leaves a field no vocabulary knows as it is, so the test above has something to catch', () => {
  expect(fieldLabel('ledgerItem', 'somethingNew')).toBe('somethingNew');
  expect(fieldLabel('ledgerItem', 'leadUnitId')).toBe('责任单位');
  expect(fieldLabel('user', 'unitId')).toBe('所属单位');
  expect(codeNames('ledgerItem', 'status')?.closed).toBe('已销号');
});

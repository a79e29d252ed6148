// One model, two providers: the PostgreSQL schema must be the derivation of prisma/schema.prisma, and each
// provider's latest migration must have been made from the current models (run `npm run db:migration -- <name>`
// after changing them).
import fs from 'node:fs';
import path from 'node:path';
import {
  derivePostgresSchema,
  postgresSchemaPath,
  sourceSchemaPath,
} from '../../prisma/tools/derive-schemas';
import { latestSnapshot } from '../../prisma/tools/new-migration';

const read = (file: string) => fs.readFileSync(file, 'utf8');
/** The models and enums only: the generator and datasource blocks do not need a migration. */
const models = (schema: string) =>
  schema
    .replace(/^\/\/.*$/gm, '')
    .replace(/^(generator|datasource) \w+ \{[^}]*\}/gm, '')
    .trim();

describe('schema sources', () => {
  it('keeps prisma/postgresql/schema.prisma derived from prisma/schema.prisma (npm run db:schemas)', () => {
    expect(read(postgresSchemaPath)).toBe(derivePostgresSchema(read(sourceSchemaPath)));
  });

  it.each([
    ['sqlite', sourceSchemaPath],
    ['postgresql', postgresSchemaPath],
  ])('has a %s migration made from the current models', (provider, schemaPath) => {
    const dir = path.join(path.dirname(schemaPath), 'migrations');
    expect(read(path.join(dir, 'migration_lock.toml'))).toContain(`provider = "${provider}"`);
    const snapshot = latestSnapshot(dir);
    expect(snapshot).toBeDefined();
    expect(models(read(snapshot as string))).toBe(models(read(schemaPath)));
  });
});

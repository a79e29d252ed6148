// Derives prisma/postgresql/schema.prisma from the single source prisma/schema.prisma: the models are
// identical, only the datasource provider and the generated client's folder differ. Run with
// `npm run db:schemas`; test/domain/schema-sync.test.ts fails when the committed copy is stale.
import fs from 'node:fs';
import path from 'node:path';

export const sourceSchemaPath = path.join(__dirname, '..', 'schema.prisma');
export const postgresSchemaPath = path.join(__dirname, '..', 'postgresql', 'schema.prisma');

const header =
  '// GENERATED from prisma/schema.prisma by `npm run db:schemas` — edit the source, not this file.\n\n';

function replaceOnce(text: string, from: RegExp, to: string): string {
  if (!from.test(text)) throw new Error(`schema.prisma: expected to find ${from}`);
  return text.replace(from, to);
}

export function derivePostgresSchema(source: string): string {
  let out = replaceOnce(source, /provider = "sqlite"\n/, 'provider = "postgresql"\n');
  out = replaceOnce(out, /url {6}= "file:[^"]*"/, 'url      = "postgresql://unused/the-adapter-decides"');
  out = replaceOnce(
    out,
    /output {14}= "\.\/generated\/sqlite"/,
    'output              = "../generated/postgresql"',
  );
  return header + out;
}

export function writePostgresSchema(): boolean {
  const next = derivePostgresSchema(fs.readFileSync(sourceSchemaPath, 'utf8'));
  const current = fs.existsSync(postgresSchemaPath) ? fs.readFileSync(postgresSchemaPath, 'utf8') : '';
  if (current === next) return false;
  fs.mkdirSync(path.dirname(postgresSchemaPath), { recursive: true });
  fs.writeFileSync(postgresSchemaPath, next);
  return true;
}

if (require.main === module) {
  console.log(writePostgresSchema() ? `wrote ${postgresSchemaPath}` : 'postgresql schema already up to date');
}

// The project's own TypeScript sources below a folder (no generated client, no build output), for the tests
// that read what the code writes — the audit log's action codes and record types.
import fs from 'node:fs';
import path from 'node:path';

export function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'generated' || e.name === 'dist' ? [] : sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

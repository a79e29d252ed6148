// The admin reads the audit log in Chinese: every action code the domain, the workers and the web server write
// into it has a Chinese label (an unknown code is shown raw, so `petitionNotice.issue` and a dozen others
// appeared in English). The codes are read from the source, where every audit entry names its action. A record's
// history (task and instance pages) names the demo and the seed in Chinese too.
import fs from 'node:fs';
import path from 'node:path';
import { actionLabel, actorLabel, entityLabel } from '../../web/client/pages/admin/audit-labels';
import { nonPersonActor } from '../../web/server/tasks/record-summary';
import { sourceFiles } from '../support/source-files';

const root = path.join(__dirname, '../..');

/** Every `action:` of an audit entry: the quoted codes in it, and what a template code can become. */
function writtenCodes(): string[] {
  const codes = new Set<string>();
  // web/server/routes name permissions with `action:`, not audit entries.
  const dirs = ['domain', 'workers', 'scheduler', 'cli', 'web/server'].map((d) => path.join(root, d));
  for (const file of dirs.flatMap(sourceFiles)) {
    if (file.includes(`${path.sep}routes${path.sep}`)) continue;
    const text = fs.readFileSync(file, 'utf8');
    if (!/\baudit\(/.test(text)) continue;
    for (const m of text.matchAll(/\baction: ([^\n]+)/g)) {
      if (m[1]!.includes('`')) continue; // the template codes, below
      for (const q of m[1]!.matchAll(/'([a-z][A-Za-z]*\.[a-z][A-Za-z]*)'/g)) codes.add(q[1]!);
    }
  }
  // The two codes built from a template.
  for (const stage of ['reminder', 'overdue']) codes.add(`caseOpinion.remind.${stage}`);
  for (const verb of ['invite', 'rescheduleNotice']) codes.add(`coordinationMeeting.${verb}`);
  return [...codes].sort();
}

it('labels every audit action the system writes in Chinese', () => {
  const codes = writtenCodes();
  // The scan must find the audit entries, or it proves nothing.
  expect(codes.length).toBeGreaterThan(100);
  expect(codes).toEqual(
    expect.arrayContaining(['petitionNotice.issue', 'ledgerItem.leadSigned', 'user.login']),
  );
  const raw = codes.filter((c) => actionLabel(c) === c || /[A-Za-z]/.test(actionLabel(c)));
  expect(raw).toEqual([]);
});

it('reads a stage of a reminder and leaves an unknown code as it is', () => {
  expect(actionLabel('caseOpinion.remind.overdue')).toBe('书面意见·逾期催办');
  expect(actionLabel('petitionNotice.reissue')).toBe('信访告知书·重新出具');
  expect(actionLabel('caseOpinion.remind.someday')).toBe('caseOpinion.remind.someday');
  expect(actionLabel('nothing.known')).toBe('nothing.known');
  expect(entityLabel('ledgerItem')).toBe('整改事项');
  expect(actorLabel('seed')).toBe('初始化');
});

it('names who acted in the history of a record in Chinese when no user did', () => {
  expect(nonPersonActor('worker:zhuanban.ledger.issueNotice')).toBe('系统');
  expect(nonPersonActor('system')).toBe('系统');
  expect(nonPersonActor('demo')).toBe('演示数据');
  expect(nonPersonActor('seed')).toBe('初始化');
});

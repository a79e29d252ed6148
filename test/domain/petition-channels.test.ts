// The complaint channels the plan's task 9 lists are selectable and stored on both databases: the court's
// report phone and mail, 12309, 110 and 5096900, and the public legal service; the registration form offers each.
import fs from 'node:fs';
import path from 'node:path';
import { audited } from '../../domain/audit';
import { petitionChannels, registerPetition } from '../../domain/petitions/petitions';
import { seed } from '../../domain/seed/seed';
import { freshDatabase, providers, type TestDatabase } from '../support/databases';

const planChannels = [
  'court_report_phone',
  'court_report_mail',
  'line_12309',
  'line_110',
  'line_5096900',
  'public_legal_service',
] as const;

it('offers every channel of the plan in the registration form, with a Chinese label', () => {
  const form = fs.readFileSync(
    path.join(__dirname, '../../processes/forms/petition-registration.form'),
    'utf8',
  );
  for (const c of planChannels) {
    expect(petitionChannels).toContain(c);
    expect(form).toMatch(new RegExp(`"label": "[^"]*[\\u4e00-\\u9fa5][^"]*",\\s*"value": "${c}"`));
  }
});

describe.each(providers)('petition channels on %s', (provider) => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase(provider);
    await seed(t.db, { adminPassword: 'channels-admin-password' });
  }, 60_000);
  afterAll(() => t?.destroy());

  it('registers a complaint from each of the plan’s channels', async () => {
    for (const [i, channel] of planChannels.entries()) {
      const row = await audited(t.db, (tx) =>
        registerPetition(
          tx,
          { userId: null, label: 'test' },
          {
            channel,
            petitionerKind: 'enterprise',
            petitionerName: '联系人甲',
            enterpriseName: '青禾精密机械有限公司',
            subject: '执行进展',
            content: '反映执行案件进展缓慢',
            receivingUnitCode: 'court',
          },
          String(9000 + i),
          new Date('2026-12-01T02:00:00Z'),
        ),
      );
      expect(row.channel).toBe(channel);
    }
  });
});

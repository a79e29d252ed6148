// The consent of every party (当事人) to a public reply: all consent → the petition prepares a public reply; a
// second answer replaces the first list; a list without the petitioner, an empty name or a bad date is refused
// in Chinese and changes nothing.
import { recordConsent, type ConsentInput } from '../../domain/petitions/public-reply';
import { seed } from '../../domain/seed/seed';
import { freshDatabase, type TestDatabase } from '../support/databases';

const unitUser = { userId: null, label: 'court.user' };
let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase('sqlite');
  await seed(t.db, { adminPassword: 'consent-admin-password' });
}, 60_000);
afterAll(() => t?.destroy());

async function petition(number: string) {
  const court = await t.db.unit.findUniqueOrThrow({ where: { code: 'court' } });
  return t.db.petition.create({
    data: {
      number,
      channel: 'letter',
      petitionerKind: 'enterprise',
      petitionerName: '联系人甲',
      subject: '账户被超范围冻结',
      content: '请求解除超出部分的冻结',
      receivingUnitId: court.id,
      handlingUnitId: court.id,
      status: 'handling',
    },
  });
}

const record = (input: ConsentInput) =>
  t.db.$transaction((tx) => recordConsent(tx, unitUser, input, new Date('2026-12-02T02:00:00Z')));

const answer = (
  partyName: string,
  partyRole: string,
  partyConsent: string,
  partyConsentedOn = '2026-12-01',
) => ({
  partyName,
  partyRole,
  partyConsent,
  partyConsentedOn,
  partyMethod: 'written',
});

it('goes on to a public reply only when every party consents, with each answer and the audit on record', async () => {
  const p = await petition('XF-2026-0101');
  const all = await record({
    petitionNumber: p.number,
    parties: [
      answer('联系人甲', 'petitioner', 'given'),
      answer('乙公司', 'opposing_party', 'given', '2026-12-02'),
    ],
  } as ConsentInput);
  expect(all).toEqual({ allPartiesConsented: true, refusedBy: [] });
  expect(await t.db.petition.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
    consentGiven: true,
    status: 'public_reply_preparing',
    consentRecordedAt: new Date('2026-12-01T16:00:00Z'), // the later answer's day, 00:00 in Beijing
  });

  const again = await record({
    petitionNumber: p.number,
    parties: [answer('联系人甲', 'petitioner', 'given'), answer('丙', 'third_party', 'refused')],
  } as ConsentInput);
  expect(again).toEqual({ allPartiesConsented: false, refusedBy: ['丙'] });
  const parties = await t.db.petitionParty.findMany({
    where: { petitionId: p.id },
    orderBy: { sequence: 'asc' },
  });
  expect(parties.map((x) => [x.sequence, x.name, x.role, x.consent])).toEqual([
    [1, '联系人甲', 'petitioner', true],
    [2, '丙', 'third_party', false],
  ]);
  expect(await t.db.petition.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
    consentGiven: false,
    status: 'handling',
  });
  const audits = await t.db.auditLog.findMany({
    where: { entity: 'petition', entityId: String(p.id), action: 'petition.consent' },
  });
  expect(audits).toHaveLength(2);
});

it.each([
  ['without the petitioner', [answer('乙公司', 'opposing_party', 'given')], '当事人中应有信访人'],
  ['with an empty name', [answer('  ', 'petitioner', 'given')], '请填写当事人姓名（名称）'],
  [
    'with an unknown role',
    [answer('联系人甲', 'witness', 'given')],
    '当事人身份应为信访人、对方当事人或第三人',
  ],
  [
    'with a bad date',
    [answer('联系人甲', 'petitioner', 'given', '2026-13-45')],
    '征询日期格式应为 YYYY-MM-DD',
  ],
  ['with nobody asked', [], '请逐一登记各方当事人的意见'],
])('refuses a list %s and changes nothing', async (_, parties, message) => {
  const p = await petition(`XF-2026-02${String(parties.length)}${message.length}`);
  await expect(record({ petitionNumber: p.number, parties } as ConsentInput)).rejects.toThrow(message);
  expect(await t.db.petitionParty.count({ where: { petitionId: p.id } })).toBe(0);
  expect(await t.db.petition.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
    consentGiven: null,
    status: 'handling',
  });
});

// The consent of every party (当事人) to a public reply: all consent → the petition prepares a public reply; a
// second answer replaces the first list; each party keeps its own signed scan (filed under the petition) and a
// refusal its reason, which says why the reply is not public; a list without the petitioner, an empty name, a bad
// date, a written answer without its scan, a scan of another unit or a refusal without a reason is refused in
// Chinese and changes nothing.
import { recordConsent, type ConsentInput } from '../../domain/petitions/public-reply';
import { seed } from '../../domain/seed/seed';
import { freshDatabase, type TestDatabase } from '../support/databases';
import { uploadedScan } from '../support/scan-data';

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

const scan = (unitCode: string, fileName: string) => uploadedScan(t.db, unitCode, fileName);

let refused = 0;

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
  partyMethod: 'phone',
  ...(partyConsent === 'refused' ? { partyRefusalReason: '不愿公开' } : {}),
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
  expect(all).toEqual({ allPartiesConsented: true, refusedBy: [], declinedReason: null });
  expect(await t.db.petition.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
    consentGiven: true,
    status: 'public_reply_preparing',
    consentRecordedAt: new Date('2026-12-01T16:00:00Z'), // the later answer's day, 00:00 in Beijing
  });

  const again = await record({
    petitionNumber: p.number,
    parties: [answer('联系人甲', 'petitioner', 'given'), answer('丙', 'third_party', 'refused')],
  } as ConsentInput);
  expect(again).toEqual({
    allPartiesConsented: false,
    refusedBy: ['丙'],
    declinedReason: '第三人“丙”不同意公开答复：不愿公开',
  });
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
  [
    'with a written answer and no scan',
    [{ ...answer('联系人甲', 'petitioner', 'given'), partyMethod: 'written' }],
    '请上传“联系人甲”签字的意见书（扫描件）',
  ],
  [
    'with a refusal and no reason',
    [
      answer('联系人甲', 'petitioner', 'given'),
      { ...answer('乙公司', 'opposing_party', 'refused'), partyRefusalReason: ' ' },
    ],
    '请填写“乙公司”不同意公开答复的理由',
  ],
])('refuses a list %s and changes nothing', async (_, parties, message) => {
  const p = await petition(`XF-2026-0${200 + ++refused}`);
  await expect(record({ petitionNumber: p.number, parties } as ConsentInput)).rejects.toThrow(message);
  expect(await t.db.petitionParty.count({ where: { petitionId: p.id } })).toBe(0);
  expect(await t.db.petition.findUniqueOrThrow({ where: { id: p.id } })).toMatchObject({
    consentGiven: null,
    status: 'handling',
  });
});

it('keeps each party’s own signed scan, filed under the petition; a scan of another unit is refused', async () => {
  const p = await petition('XF-2026-0301');
  const [first, second, police] = [
    await scan('court', '甲意见书.pdf'),
    await scan('court', '乙意见书.pdf'),
    await scan('police', '他单位.pdf'),
  ];
  const written = (name: string, role: string, ids: number[]) => ({
    ...answer(name, role, 'given'),
    partyMethod: 'written',
    partyDocument: ids,
  });
  await expect(
    record({
      petitionNumber: p.number,
      parties: [written('联系人甲', 'petitioner', [first]), written('乙公司', 'opposing_party', [police])],
    } as ConsentInput),
  ).rejects.toThrow('“乙公司”的签字意见书附件不存在或不是本单位上传的');
  expect(await t.db.petitionParty.count({ where: { petitionId: p.id } })).toBe(0);
  expect(await t.db.attachment.count({ where: { petitionId: p.id } })).toBe(0);

  await record({
    petitionNumber: p.number,
    parties: [written('联系人甲', 'petitioner', [first]), written('乙公司', 'opposing_party', [second])],
  } as ConsentInput);
  const parties = await t.db.petitionParty.findMany({
    where: { petitionId: p.id },
    orderBy: { sequence: 'asc' },
  });
  expect(parties.map((x) => [x.name, x.documentIds])).toEqual([
    ['联系人甲', [first]],
    ['乙公司', [second]],
  ]);
  const filed = await t.db.attachment.findMany({ where: { petitionId: p.id }, orderBy: { id: 'asc' } });
  expect(filed.map((a) => a.id)).toEqual([first, second]);
});

// The server's check of form submissions, on the project's own form-js schemas: the zod schema built from a form
// requires what the form requires, keeps numbers in range and choices in their lists, checks dates, names each
// failing field by its path (groups and list rows included), skips the fields the form hides for the data, and
// lets no key through that the form does not have.
import fs from 'node:fs';
import path from 'node:path';
import { ZodError } from 'zod';
import { readFormSchema, type FormSchema } from '../../web/server/forms/form-schema';
import { validateSubmission } from '../../web/server/forms/form-validation';

const form = (id: string): FormSchema =>
  readFormSchema(fs.readFileSync(path.join(__dirname, '../../processes/forms', `${id}.form`), 'utf8'))!;

function errors(f: FormSchema, data: unknown): Record<string, string> {
  try {
    validateSubmission(f, data);
    return {};
  } catch (e) {
    if (!(e instanceof ZodError)) throw e;
    return Object.fromEntries(e.issues.map((i) => [i.path.join('.'), i.message]));
  }
}

const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

it('reads every form of processes/forms', () => {
  const ids = fs
    .readdirSync(path.join(__dirname, '../../processes/forms'))
    .map((f) => f.replace(/\.form$/, ''));
  for (const id of ids) expect(form(id).components.length).toBeGreaterThan(0);
});

it('requires, limits and checks choices, and drops keys the form does not have', () => {
  const f = form('case-registration');
  expect(errors(f, {})).toMatchObject({
    enterpriseName: '请填写此项',
    externalCaseNumber: '请填写此项',
    handlingUnitCode: '请选择一项',
    involvedUnitCodes: '请至少选择一项',
  });
  const ok = validateSubmission(f, {
    enterpriseName: '某公司',
    externalCaseNumber: '（2026）某0101民初1号',
    handlingUnitCode: 'court',
    disputePoint: '争议',
    meetingReason: 'other',
    reasonDetail: '理由',
    involvedUnitCodes: ['court'],
    urgency: 'normal',
    caseNumber: 'XT-2099-999',
    processInstanceKey: '1',
  });
  expect(ok).not.toHaveProperty('caseNumber');
  expect(ok).not.toHaveProperty('processInstanceKey');
  expect(
    errors(f, {
      ...ok,
      involvedUnitCodes: ['court', 'moon'],
      enterpriseName: 'x'.repeat(101),
      contactPhone: '123',
    }),
  ).toMatchObject({
    'involvedUnitCodes.1': '请从列表中选择',
    enterpriseName: '最多 100 个字',
    contactPhone: '请输入有效的电话号码，如 13800000000 或 010-12345678',
  });
});

it('skips fields the form hides for the data, and requires them when shown', () => {
  const f = form('petition-classification');
  expect(Object.keys(errors(f, { classification: 'accept', classificationReason: '受理' }))).toEqual([
    'complexity',
  ]);
  expect(Object.keys(errors(f, { classification: 'forward', classificationReason: '转交' }))).toEqual([
    'forwardToUnitCode',
  ]);
  expect(
    Object.keys(
      errors(f, { classification: 'forward', classificationReason: '转交', forwardToUnitCode: 'external' }),
    ),
  ).toEqual(['forwardToOrgan']);
  // A hidden field's value does not pass through.
  const out = validateSubmission(f, {
    classification: 'accept',
    classificationReason: '受理',
    complexity: 'simple',
    forwardToOrgan: '不应提交',
  });
  expect(out).not.toHaveProperty('forwardToOrgan');
});

it('names list rows and group fields by path, checks dates and numbers', () => {
  const minutes = form('meeting-minutes');
  const e = errors(minutes, {
    meetingAttendance: '到会',
    minutes: '纪要',
    boundaryConfirmed: false,
    agreedItems: [
      { description: '任务一', leadUnitCode: 'court', dueDate: inDays(10) },
      { description: '', leadUnitCode: 'mars', dueDate: inDays(-3) },
    ],
  });
  expect(e).toEqual({
    boundaryConfirmed: '请勾选此项',
    'agreedItems.1.description': '请填写此项',
    'agreedItems.1.leadUnitCode': '请从列表中选择',
    'agreedItems.1.dueDate': '不能早于今天',
  });
  const report = form('weekly-report-unit');
  const r = errors(report, {
    report: {
      author: '甲',
      problems: '无',
      coordinationRequests: '无',
      nextWeekPlan: '无',
      taskProgress: [{ title: '任务', progress: '进展' }],
      figures: [{ name: '指标', target: 90, value: 120 }],
    },
  });
  expect(r).toEqual({ 'report.figures.0.value': '不能大于 100' });
});

it('takes attachment ids in file fields, nothing else', () => {
  const f = form('ledger-rectification');
  const base = { progressNote: '进展', rectificationAction: 'submit' };
  expect(validateSubmission(f, { ...base, evidence: [3, 4] }).evidence).toEqual([3, 4]);
  expect(Object.keys(errors(f, { ...base, evidence: ['files::abc'] }))).toEqual(['evidence.0']);
  expect(errors(f, { ...base, rectificationAction: 'extension' })).toEqual({
    extensionReason: '请填写此项',
    requestedDueDate: '请填写此项',
  });
});

it('asks every party of a public reply for its own answer: a scan when written, a reason when refused', () => {
  const f = form('petition-consent');
  const row = { partyName: '联系人甲', partyRole: 'petitioner', partyConsentedOn: inDays(0) };
  expect(
    errors(f, {
      parties: [
        { ...row, partyConsent: 'given', partyMethod: 'written' },
        {
          ...row,
          partyName: '乙公司',
          partyRole: 'opposing_party',
          partyConsent: 'refused',
          partyMethod: 'phone',
        },
        { ...row, partyName: '丙', partyRole: 'third_party', partyMethod: 'in_person' },
      ],
    }),
  ).toEqual({
    'parties.0.partyDocument': '请上传文件',
    'parties.1.partyRefusalReason': '请填写此项',
    'parties.2.partyConsent': '请选择一项',
  });
  const ok = validateSubmission(f, {
    parties: [
      { ...row, partyConsent: 'given', partyMethod: 'written', partyDocument: [7] },
      {
        ...row,
        partyName: '乙公司',
        partyRole: 'opposing_party',
        partyConsent: 'refused',
        partyMethod: 'phone',
        partyRefusalReason: '不愿公开商业往来',
      },
    ],
  }) as { parties: Record<string, unknown>[] };
  expect(ok.parties.map((p) => [p.partyDocument, p.partyRefusalReason])).toEqual([
    [[7], undefined],
    [undefined, '不愿公开商业往来'],
  ]);
});

it('reads a list row’s conditions as form-js does in the browser: the row is `this`, a bare name the form’s data', () => {
  // A bare row key names nothing in the browser (form-js puts the row under `this`), so a condition written that
  // way hides its field in every row — the server must not show it where the browser hides it.
  const list = (hide: string): FormSchema => ({
    components: [
      { type: 'checkbox', key: 'strict' },
      {
        type: 'dynamiclist',
        path: 'rows',
        components: [
          { type: 'textfield', key: 'kind', validate: { required: true } },
          { type: 'textfield', key: 'detail', validate: { required: true }, conditional: { hide } },
        ],
      },
    ],
  });
  const rows = [{ kind: 'a' }, { kind: 'b' }];
  expect(errors(list('=this.kind != "b"'), { rows })).toEqual({ 'rows.1.detail': '请填写此项' });
  expect(errors(list('=_this_.kind != "b"'), { rows })).toEqual({ 'rows.1.detail': '请填写此项' });
  expect(errors(list('=kind != "b"'), { rows })).toEqual({});
  expect(errors(list('=not(strict = true)'), { strict: true, rows })).toEqual({
    'rows.0.detail': '请填写此项',
    'rows.1.detail': '请填写此项',
  });
  expect(errors(list('=i[1] != 2'), { rows })).toEqual({ 'rows.1.detail': '请填写此项' });
  expect(errors(list('=parent.strict != true'), { strict: true, rows })).toEqual({
    'rows.0.detail': '请填写此项',
    'rows.1.detail': '请填写此项',
  });
});

// What the audit log's 变更内容 must never show: a field name with Latin letters, a value that is a raw code
// (`pending`, `case_review`, `leadUnitId`) or an ISO time. Shared by the API and the browser tests.
import type { Change } from '../../web/server/admin/audit-changes';

export interface AuditRow {
  id: number;
  action: string;
  entity: string;
  entityId: string;
  before: unknown;
  after: unknown;
  record: { label: string; href?: string } | null;
  changes: Change[];
}

const latin = /[A-Za-z]/;
// Values a person typed as they are (a sign-in name, an address, a code the admin chose, a link): Latin there
// is the value, not an untranslated code.
const literal = new Set([
  '登录名',
  '电子邮箱',
  '单位代码',
  '维度代码',
  '代码',
  '链接',
  '群机器人地址',
  '统一社会信用代码',
  '联系方式',
  '联系电话',
  '登录地址',
  '收件人',
  '抄送',
]);
const codeLike = /^[a-z][a-z0-9]*(?:[_-][a-z0-9]+)+$|^[a-z]+[A-Z][A-Za-z]*$|^[a-z]+$/;
const isoTime = /\d{4}-\d{2}-\d{2}T\d{2}/;

const text = (c: Change) => [c.before, c.after].flatMap((v) => (v ? [v.text, v.full ?? ''] : []));

/** Every field name in Chinese; no value a raw code, an ISO time or a bare id. */
export function auditProblems(rows: AuditRow[]): string[] {
  const found: string[] = [];
  for (const r of rows)
    for (const c of r.changes) {
      const where = `${r.action} #${r.entityId} ${c.field}`;
      if (latin.test(c.field)) found.push(`${where}: field name`);
      for (const t of text(c)) {
        if (isoTime.test(t)) found.push(`${where}: ISO time ${t}`);
        if (!literal.has(c.field) && codeLike.test(t.trim())) found.push(`${where}: code ${t}`);
      }
    }
  return found;
}

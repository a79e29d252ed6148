// What the task page shows of the record beside the form: label/value rows in Chinese, its attachments, and
// the audit rows of the record and its parts for the item's history.
import type { Db } from '../../../domain/db/client';
import { consentMethodNames, partyRoleNames } from '../../../domain/petitions/public-reply';
import { resolutionOutcomeNames } from '../../../domain/petitions/replies';
import { enterpriseFlag, statusLabels, type RecordRef } from './records';

const satisfactionNames = {
  satisfied: '满意',
  basically_satisfied: '基本满意',
  unsatisfied: '不满意',
} as const;

export interface RecordSummary {
  rows: [string, string][];
  attachments: { id: number; fileName: string; sizeBytes: number; createdAt: Date }[];
}

const day = (d: Date | null | undefined) =>
  d ? new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'long' }).format(d) : '—';
const units = (list: { unit: { shortName: string } }[]) =>
  list.map((u) => u.unit.shortName).join('、') || '—';

export async function recordSummary(db: Db, ref: RecordRef): Promise<RecordSummary> {
  const attachmentSelect = { id: true, fileName: true, sizeBytes: true, createdAt: true } as const;
  if (ref.kind === 'case') {
    const c = await db.enterpriseCase.findUniqueOrThrow({
      where: { id: ref.id },
      include: { enterprise: true, handlingUnit: true, involvedUnits: { include: { unit: true } } },
    });
    return {
      rows: [
        ['案件编号', c.number],
        ['企业', c.enterprise.name],
        ['办案机关案号', c.externalCaseNumber ?? '—'],
        ['承办单位', c.handlingUnit.shortName],
        ['相关单位', units(c.involvedUnits)],
        ['争议焦点', c.disputePoint],
        ['状态', statusLabels[c.status] ?? c.status],
        ['登记时间', day(c.createdAt)],
      ],
      attachments: [],
    };
  }
  if (ref.kind === 'petition') {
    const p = await db.petition.findUniqueOrThrow({
      where: { id: ref.id },
      include: {
        handlingUnit: true,
        receivingUnit: true,
        attachments: { select: attachmentSelect },
        parties: { orderBy: { sequence: 'asc' } },
        satisfaction: true,
      },
    });
    const rows: [string, string][] = [
      ['信访编号', p.number],
      ['信访人', p.petitionerName],
      ['类别', p.petitionerKind === 'enterprise' ? enterpriseFlag : '个人信访'],
      ['事项', p.subject],
      ['接收单位', p.receivingUnit.shortName],
      ['办理单位', p.handlingUnit.shortName],
      ['状态', statusLabels[p.status] ?? p.status],
      // Two deadlines: the written notice of acceptance (15 days), then the handling (60 days from acceptance,
      // extended on approval). Until the handling one is set, showing the notice's date under 办理期限 misled.
      ['受理告知期限', day(p.acceptanceNoticeDue)],
      [
        '办理期限',
        p.extendedDue ? `${day(p.extendedDue)}（已延期）` : p.handlingDue ? day(p.handlingDue) : '受理后确定',
      ],
    ];
    if (p.parties.length)
      rows.push([
        '当事人意见（公开答复）',
        p.parties
          .map(
            (x) =>
              `${partyRoleNames[x.role]} ${x.name}：${x.consent ? '同意' : '不同意'}` +
              `（${day(x.consentedOn)}，${consentMethodNames[x.method as keyof typeof consentMethodNames] ?? x.method}` +
              `${Array.isArray(x.documentIds) && x.documentIds.length ? `，签字意见书${x.documentIds.length}份` : ''}）` +
              (x.refusalReason ? `，理由：${x.refusalReason}` : ''),
          )
          .join('；'),
      ]);
    if (p.resolutionOutcome)
      rows.push([
        '解决情况',
        resolutionOutcomeNames[p.resolutionOutcome] + (p.resolutionNote ? `：${p.resolutionNote}` : ''),
      ]);
    if (p.satisfaction) rows.push(['满意度', satisfactionNames[p.satisfaction.rating]]);
    return { rows, attachments: p.attachments };
  }
  if (ref.kind === 'ledger') {
    const l = await db.ledgerItem.findUniqueOrThrow({
      where: { id: ref.id },
      include: {
        leadUnit: true,
        assistingUnits: { include: { unit: true } },
        attachments: { select: attachmentSelect },
      },
    });
    return {
      rows: [
        ['台账编号', l.number],
        ['问题', l.problem],
        ['整改措施', l.measures ?? '—'],
        ['牵头单位', l.leadUnit.shortName],
        ['配合单位', units(l.assistingUnits)],
        ['整改期限', day(l.dueAt)],
        ['整改轮次', String(l.round)],
        ['状态', statusLabels[l.status] ?? l.status],
      ],
      attachments: l.attachments,
    };
  }
  const w = await db.weeklySummary.findUniqueOrThrow({ where: { id: ref.id } });
  const reports = await db.weeklyReport.findMany({
    where: { isoWeek: w.isoWeek },
    include: { unit: true },
    orderBy: { unit: { sortOrder: 'asc' } },
  });
  return {
    rows: [
      ['周次', w.isoWeek],
      ...reports.map((r): [string, string] => [
        r.unit.shortName,
        `${statusLabels[r.status] ?? r.status}${r.late ? '（迟报）' : ''}`,
      ]),
      ['报送营商办', w.forwardedAt ? day(w.forwardedAt) : '未报送'],
    ],
    attachments: [],
  };
}

const entities: Record<RecordRef['kind'], string> = {
  case: 'enterpriseCase',
  petition: 'petition',
  ledger: 'ledgerItem',
  week: 'weeklySummary',
};

/** Audit rows of the record (and, for a case, its meetings and opinions), oldest first. */
export async function recordAudit(db: Db, ref: RecordRef) {
  const or: { entity: string; entityId: { in: string[] } }[] = [
    { entity: entities[ref.kind], entityId: { in: [String(ref.id)] } },
  ];
  if (ref.kind === 'case') {
    const [meetings, opinions] = await Promise.all([
      db.coordinationMeeting.findMany({ where: { caseId: ref.id }, select: { id: true } }),
      db.caseOpinion.findMany({ where: { caseId: ref.id }, select: { id: true } }),
    ]);
    or.push({ entity: 'coordinationMeeting', entityId: { in: meetings.map((m) => String(m.id)) } });
    or.push({ entity: 'caseOpinion', entityId: { in: opinions.map((o) => String(o.id)) } });
  }
  if (ref.kind === 'week') {
    const reports = await db.weeklyReport.findMany({ where: { isoWeek: ref.number }, select: { id: true } });
    or.push({ entity: 'weeklyReport', entityId: { in: reports.map((r) => String(r.id)) } });
  }
  const rows = await db.auditLog.findMany({
    where: { OR: or },
    orderBy: { id: 'asc' },
    take: 200,
    select: {
      id: true,
      at: true,
      actorLabel: true,
      action: true,
      entity: true,
      actor: { select: { displayName: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    at: r.at,
    action: actionLabel(r.action),
    actor: r.actor?.displayName ?? nonPersonActor(r.actorLabel),
  }));
}

/** Who acted when no user did: the workers and the schedule are the system; the seed and the demo say so. */
export function nonPersonActor(label: string): string {
  if (label.startsWith('worker:') || label === 'system') return '系统';
  return { demo: '演示数据', seed: '初始化' }[label] ?? label;
}

const actionLabels: Record<string, string> = {
  'enterpriseCase.create': '登记案件',
  'enterpriseCase.update': '更新案件',
  'enterprise.create': '新建企业档案',
  'coordinationMeeting.create': '发起协调会',
  'coordinationMeeting.schedule': '安排协调会',
  'coordinationMeeting.reschedule': '调整会议时间',
  'coordinationMeeting.minutes': '记录会议纪要',
  'coordinationMeeting.invite': '发送会议通知',
  'coordinationMeeting.rescheduleNotice': '发送改期通知',
  'caseOpinion.submit': '提交书面意见',
  'caseOpinion.remind.reminder': '催报书面意见',
  'caseOpinion.remind.overdue': '书面意见逾期督促',
  'petition.create': '登记信访事项',
  'petition.classify': '分类处理',
  'petition.consent': '记录公开答复意愿',
  'petition.handlingDue': '设定办理期限',
  'petition.ledgerItem': '逾期转入整改台账',
  'petition.overdue': '标记逾期',
  'petition.reviewRoute': '告知复查途径',
  'petition.satisfaction': '回访满意度',
  'petitionReply.deliver': '送达答复',
  'publicReplySession.schedule': '安排公开答复会',
  'publicReplySession.notify': '通知参会人员',
  'publicReplySession.record': '记录公开答复会',
  'ledgerItem.create': '建立整改台账',
  'ledgerItem.notice': '下发督办通知书',
  'ledgerItem.acknowledge': '签收督办通知',
  'ledgerItem.progressNote': '报送整改进展',
  'ledgerItem.escalate': '预警升级',
  'ledgerItem.close': '销号',
  'weeklySummary.create': '发起本周周报',
  'weeklySummary.consolidate': '汇总周报',
  'weeklySummary.forward': '报送营商办',
  'weeklySummary.meeting': '记录周例会',
  'weeklySummary.makeup': '补报加入汇总',
  'weeklySummary.lateSignOff': '截止后签批，更新汇总',
  'weeklySummary.lateReturn': '截止后退回，更新汇总',
  'weeklyReport.create': '生成单位周报',
  'weeklyReport.submit': '提交单位周报',
  'weeklyReport.return': '退回单位周报',
  'weeklyReport.signOff': '负责人审核周报',
  'weeklyReport.remind': '催报周报',
  'weeklyReport.flagLate': '标记迟报',
  'enterpriseCase.decline': '不予受理',
  'enterpriseCase.resolve': '案件化解',
  'enterpriseCase.status': '案件状态变更',
  'ledgerItem.extensionRequest': '申请延期',
  'ledgerItem.extensionApproved': '批准延期',
  'ledgerItem.extensionRejected': '不批准延期',
  'ledgerItem.verified': '核查通过',
  'ledgerItem.verificationFailed': '核查未通过',
  'ledgerItem.accountabilityTalk': '决定约谈',
  'ledgerItem.noAccountabilityTalk': '决定不约谈',
  'petition.extension': '申请延期',
  'petition.extensionApproved': '批准延期',
  'petition.extensionRejected': '不批准延期',
  'petitionReply.draft': '起草答复意见',
  'petitionReply.redraft': '修改答复意见',
};

export function actionLabel(action: string): string {
  return actionLabels[action] ?? '记录变更';
}

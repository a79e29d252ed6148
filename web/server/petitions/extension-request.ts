// 申请延期: the handling unit asks, while the handling period runs, to extend it (信访工作条例: at most 30 days,
// approved by the unit's head, the petitioner told). The model's interrupting boundary on 办理期限监督 catches
// the message; the unit's lead then approves or refuses in 负责人审批延期 (web/server/messages/routes.ts
// sends it). The date asked for must lie after the period in force and within the rule's limit.
import { localDate } from '../../../domain/calendar/deadline';
import { deadlineFor } from '../../../domain/calendar/store';
import { fieldError, type MessageFormSpec } from '../messages/spec';

const dueAt = (vars: Map<string, unknown>) => {
  const v = vars.get('handlingDueAt');
  return typeof v === 'string' ? v : null;
};

export const petitionExtensionRequest: MessageFormSpec = {
  formId: 'petition-extension-request',
  label: '申请延期',
  processId: 'petition-reply',
  message: 'petition-extension-requested',
  correlationVariable: 'petitionNumber',
  catchEventId: 'Message_Extension',
  workerActsForSender: false,
  auditVerb: 'requestExtension',
  waitingElementId: 'SubProcess_Watch',
  action: 'petition.requestExtension',
  mayAct: ({ unitCode, vars }) => unitCode !== null && unitCode === vars.get('handlingUnitCode'),
  async data({ vars }) {
    const due = dueAt(vars);
    return { petitionNumber: vars.get('petitionNumber'), handlingDueAt: due ? localDate(due) : '—' };
  },
  async check({ db, vars }, values) {
    const asked = String(values.requestedDueDate);
    const due = dueAt(vars);
    if (due) {
      const current = localDate(due);
      if (asked <= current)
        throw fieldError('requestedDueDate', `申请延长至的日期须晚于现办理期限（${current}）`);
      const petition = await db.petition.findUnique({
        where: { number: String(vars.get('petitionNumber')) },
        select: { handlingDue: true },
      });
      const limit = (await deadlineFor(db, 'petition.extension', petition?.handlingDue ?? due)).dueDate;
      if (asked > limit)
        throw fieldError('requestedDueDate', `延长期限最长不超过30日，最迟可申请延长至 ${limit}`);
    }
    return { extensionReason: String(values.extensionReason).trim(), requestedDueDate: asked };
  },
  done: (v) => `已提交延期申请（申请延长至 ${String(v.requestedDueDate)}），待本单位负责人审批`,
};

// The Chinese names of the codes an audit row holds (states, colours, kinds, channels …), taken from the label
// tables the app already shows them with — the ledger's, the records', the roles', the domain's — and, for the
// codes a person picks in a process form, from that form's own option labels. Only the codes no page names
// yet are named here.
import fs from 'node:fs';
import path from 'node:path';
import { findProcessesDir } from '../../../cli/system/deploy';
import { dimensionNames } from '../../../domain/assessment/rules';
import { sanctionKindLabels } from '../../../domain/assessment/sanctions';
import { roleNames } from '../../../domain/auth/roles';
import { caseTypeNames, closingMethodNames } from '../../../domain/case-reviews/long-pending-input';
import { verificationMethodNames } from '../../../domain/ledger/supervision';
import { platformNames } from '../../../domain/notifications/chat/platforms';
import { noticeTitles } from '../../../domain/notifications/templates/petitions';
import {
  consentMethodNames,
  inviteeCategoryNames,
  partyRoleNames,
} from '../../../domain/petitions/public-reply';
import { resolutionOutcomeNames, stanceNames } from '../../../domain/petitions/replies';
import { mediaLevelLabels, publicityKindLabels } from '../../../domain/publicity/publicity';
import { readFormSchema, type FormComponent } from '../forms/form-schema';
import { colorLabels, sourceLabels, statusLabels as ledgerStatus } from '../ledger/labels';
import { processNames } from '../monitor/vocabulary';
import { statusLabels as outboxStatus } from '../outbox/outbox';
import { statusLabels as recordStatus } from '../tasks/records';
import {
  calendarDayKindNames as dayKinds,
  indicatorSourceNames as indicatorSources,
  unitKindNames as unitKinds,
} from '../../shared/vocabulary';

type Names = Record<string, string>;

// Codes no page or form names yet.
const dayCountKinds: Names = { calendar: '自然日', working: '工作日' };
const meetingStatus: Names = { planned: '已安排', held: '已召开', cancelled: '已取消' };
const longPendingStatus: Names = { pending: '在办', review: '评查中', closed: '已结案' };
const circularTriggers: Names = { schedule: '按计划生成', manual: '人工生成' };
const loginRefusals: Names = { inactive: '账户已停用', 'unknown-user': '无此用户' };
const extensionDecisions: Names = { pending: '待审批', approved: '已批准', rejected: '未批准' };
const viaNames: Names = { web: '网页' };
const comparators: Names = { '>=': '不低于目标值', '=': '等于目标值' };
const positionBodies: Names = { leadership: '专班领导', office: '专班办公室', unit: '成员单位' };

/** Each form's option labels by the key they write: what a person picked, named as the form named it. */
function formOptions(): Map<string, Names> {
  const byKey = new Map<string, Names>();
  const dir = path.join(findProcessesDir(__dirname), 'forms');
  const walk = (components: FormComponent[] = []) => {
    for (const c of components) {
      if (c.key && c.values?.length)
        byKey.set(c.key, {
          ...Object.fromEntries(c.values.map((v) => [v.value, v.label])),
          ...byKey.get(c.key),
        });
      walk(c.components);
    }
  };
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.form')))
    walk(readFormSchema(fs.readFileSync(path.join(dir, file), 'utf8'))?.components);
  return byKey;
}

let forms: Map<string, Names> | undefined;
const form = (key: string): Names => (forms ??= formOptions()).get(key) ?? {};

/** The names for the codes of field `key` of a record of type `entity`; undefined when the field holds no codes. */
export function codeNames(entity: string, key: string): Names | undefined {
  switch (key) {
    case 'status':
      if (entity === 'ledgerItem') return ledgerStatus;
      if (entity === 'coordinationMeeting') return meetingStatus;
      if (entity === 'longPendingCase') return longPendingStatus;
      if (entity === 'outboxMessage') return outboxStatus;
      return recordStatus;
    case 'color':
      return colorLabels;
    case 'source':
      if (entity === 'ledgerItem') return sourceLabels;
      if (entity === 'indicator') return indicatorSources;
      return undefined;
    case 'role':
      return roleNames;
    case 'kind':
      if (entity === 'unit') return unitKinds;
      if (entity === 'deadlineRule') return dayCountKinds;
      if (entity === 'calendarYear') return dayKinds;
      if (entity === 'petitionNotice') return noticeTitles;
      if (entity === 'publicityItem') return publicityKindLabels;
      if (entity === 'assessmentSanction') return sanctionKindLabels;
      return undefined;
    case 'platform':
      return platformNames;
    case 'dimension':
      return dimensionNames;
    case 'comparator':
      return comparators;
    case 'body':
      return entity === 'position' ? positionBodies : undefined;
    case 'mediaLevel':
      return mediaLevelLabels;
    case 'caseType':
      return caseTypeNames;
    case 'closingMethod':
      return closingMethodNames;
    case 'stance':
      return stanceNames;
    case 'resolutionOutcome':
      return resolutionOutcomeNames;
    case 'method':
    case 'verificationMethod':
      return verificationMethodNames;
    case 'partyRole':
      return partyRoleNames;
    case 'partyMethod':
      return consentMethodNames;
    case 'inviteeCategories':
    case 'category':
      return entity === 'publicReplySession' ? inviteeCategoryNames : undefined;
    case 'processDefinitionId':
      return processNames;
    case 'trigger':
      return circularTriggers;
    case 'reason':
      return entity === 'login' ? loginRefusals : undefined;
    case 'decision':
      return entity === 'majorMatter' ? form('meetingDecision') : form('accountabilityDecision');
    case 'via':
      return viaNames;
    case 'extension':
      return extensionDecisions;
    case 'channel':
      return entity === 'outboxMessage' ? { mail: '邮件', ...platformNames } : form('channel');
    case 'meetingReason':
    case 'urgency':
    case 'petitionerKind':
    case 'complexity':
    case 'satisfaction':
    case 'visitMethod':
    case 'partyConsent':
      return form(key);
    case 'rating':
      return form('satisfaction');
    default:
      return undefined;
  }
}

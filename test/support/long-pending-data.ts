// Known long-pending court cases for the browser test and the screenshots: three open (two over 12 months, one
// of them past its target date) with progress notes, and one closed by mediation this year. Invented parties.
import type { Db } from '../../domain/db/client';
import {
  closeLongPendingCase,
  recordLongPendingProgress,
  registerLongPendingCase,
} from '../../domain/case-reviews/long-pending';

const court = { userId: null, label: 'court.user' };
const all = { all: true } as const;

export async function recordKnownLongPending(db: Db) {
  const year = new Date().getFullYear();
  const qinghe = await registerLongPendingCase(db, court, all, {
    caseNumber: `（${year - 2}）豫0703民初1536号`,
    caseType: 'commercial',
    parties: '青禾精密机械有限公司诉某机电贸易公司买卖合同纠纷',
    enterprise: '青禾精密机械有限公司',
    filedOn: `${year - 2}-04-18`,
    handler: '民二庭 承办人A',
    plan: '鉴定已完成，限期开庭；调解不成即依法判决',
    targetOn: `${year}-10-31`,
  });
  await recordLongPendingProgress(db, court, all, qinghe.id, {
    content: '质量鉴定意见书已送达双方，定于下月开庭',
  });
  const beichen = await registerLongPendingCase(db, court, all, {
    caseNumber: `（${year - 1}）豫0703民初2871号`,
    caseType: 'civil',
    parties: '北辰冷链物流有限公司诉某置业公司租赁合同纠纷',
    enterprise: '北辰冷链物流有限公司',
    filedOn: `${year - 1}-06-02`,
    handler: '民一庭 承办人B',
    plan: '组织诉中调解，明确分期履行方案',
    targetOn: `${year + 1}-03-31`,
  });
  await recordLongPendingProgress(db, court, all, beichen.id, {
    content: '双方同意诉中调解，正在核对租金数额',
  });
  await registerLongPendingCase(db, court, all, {
    caseNumber: `（${year}）豫0703民初412号`,
    caseType: 'commercial',
    parties: '星垣软件信息服务有限公司诉某科技公司技术服务合同纠纷',
    enterprise: '星垣软件信息服务有限公司',
    filedOn: `${year}-02-20`,
    handler: '民二庭 承办人C',
    plan: '补充举证后及时审结',
    targetOn: `${year + 1}-02-28`,
  });
  const nanlu = await registerLongPendingCase(db, court, all, {
    caseNumber: `（${year - 2}）豫0703民初977号`,
    caseType: 'civil',
    parties: '南麓文旅发展有限公司诉某建设公司建设工程合同纠纷',
    enterprise: '南麓文旅发展有限公司',
    filedOn: `${year - 2}-03-09`,
    handler: '民一庭 承办人D',
    plan: '院领导督办，限期调解',
    targetOn: `${year}-06-30`,
  });
  await closeLongPendingCase(db, court, all, nanlu.id, {
    closedOn: `${year}-05-20`,
    closingMethod: 'mediation',
    note: '调解书已送达，款项分两期支付',
  });
  return { qinghe, beichen, nanlu };
}

// A court petition registered and classified through the API by the court's unit user: with `complex` it waits
// at the consent task (征询公开答复意见), with `simple` at the reply draft — its handling period running.
import { randomBytes } from 'node:crypto';
import type { ApiClient } from '../../support/api-client';
import { taskOf } from '../../web/monitor-support';

export async function classifiedPetition(
  as: (username: string) => Promise<ApiClient>,
  enterpriseName: string,
  complexity: 'simple' | 'complex',
): Promise<{ number: string; processInstanceKey: string }> {
  const court = await as('court.user');
  const started = await court.send<{ processInstanceKey: string; record: { number: string } }>(
    'POST',
    '/api/start-forms/petition-reply',
    {
      idempotencyKey: randomBytes(8).toString('hex'),
      variables: {
        channel: 'court_report_phone',
        petitionerKind: 'enterprise',
        petitionerName: '联系人甲',
        enterpriseName,
        subject: '买卖合同纠纷执行不到位',
        contact: '010-00000011',
        content: '生效判决确定的货款至今未执行到位，请求依法处理。',
        receivingUnitCode: 'court',
      },
    },
  );
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const petition = {
    number: started.body.record.number,
    processInstanceKey: started.body.processInstanceKey,
  };
  const classify = await taskOf(court, 'Task_Classify', petition.number);
  const done = await court.send('POST', `/api/tasks/${classify.userTaskKey}/complete`, {
    variables: { classification: 'accept', classificationReason: '属于本院执行工作职责范围', complexity },
  });
  if (done.status !== 200) throw new Error(`classify: ${done.status} ${JSON.stringify(done.body)}`);
  return petition;
}

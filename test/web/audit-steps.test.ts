// The 操作日志 names a completed task by its process and step, read from the deployed models — also on rows
// written before the completion recorded the task's name, and where two processes use one element id.
import { processRecord } from '../../web/server/admin/audit-records';
import { stepNames } from '../../web/server/admin/audit-steps';

const row = (after: object) => processRecord('userTask', after, undefined, steps);
let steps: Map<string, string>;

beforeAll(async () => {
  steps = await stepNames();
});

it('names an older row by its process and the step its element id has in that process', () => {
  expect(row({ processDefinitionId: 'rectification', elementId: 'Task_ApproveExtension' })?.label).toBe(
    '督办-整改-销号·审批延期申请',
  );
  expect(row({ processDefinitionId: 'petition-reply', elementId: 'Task_ApproveExtension' })?.label).toBe(
    '信访事项公开答复·负责人审批延期',
  );
});

it('prefers the name the completion recorded, and names processes the monitor does not watch', () => {
  expect(
    row({ processDefinitionId: 'weekly-report', elementId: 'Task_FillReport', taskName: '填写本单位周报' }),
  ).toEqual({ label: '工作周报·填写本单位周报', href: undefined });
  expect(
    row({ processDefinitionId: 'major-matter', elementId: 'Task_Nowhere', processInstanceKey: '7' }),
  ).toEqual({
    label: '重大事项报告·待办任务',
    href: '/instances/7',
  });
});

it('leaves rows of unknown processes to their record lookup', () => {
  expect(row({ processDefinitionId: 'nobody-deployed-this', elementId: 'Task_X' })).toBeUndefined();
});

// What the task API answers, as the task pages read it.
import type { FormSchema } from '../../forms/viewer';
import type { OfferedForm } from '../instance/message-form';

export interface RecordRef {
  kind: 'case' | 'petition' | 'ledger' | 'week';
  kindLabel: string;
  id: number;
  number: string;
  title: string;
  status: string;
  processInstanceKey: string | null;
  link: string;
  /** 企业投诉·优先 for an enterprise complaint. */
  flag: string | null;
}

export interface InboxTask {
  userTaskKey: string;
  name: string;
  processName: string;
  processDefinitionId: string;
  processInstanceKey: string;
  elementId: string;
  state: string;
  assignee: string | null;
  assigneeName: string | null;
  creationDate: string;
  completionDate: string | null;
  dueDate: string | null;
  followUpDate: string | null;
  priority: number;
  role: string | null;
  record: RecordRef | null;
}

export interface InboxPage {
  items: InboxTask[];
  total: number;
  page: number;
  pageSize: number;
  counts: Record<'all' | 'mine' | 'unassigned' | 'colleagues', number>;
}

export interface TaskDetail {
  task: InboxTask;
  form: FormSchema | null;
  variables: Record<string, unknown>;
  record:
    | (RecordRef & {
        rows: [string, string][];
        attachments: { id: number; fileName: string; sizeBytes: number }[];
      })
    | null;
  mayComplete: boolean;
  refusal: string | null;
  colleagues: { username: string; displayName: string; role: string }[];
  /** The instance's message forms the person may send now (申请延期, 会议改期). */
  actions: OfferedForm[];
}

export const processOptions = [
  { value: 'case-coordination', label: '涉企案件协调会' },
  { value: 'petition-reply', label: '信访事项公开答复' },
  { value: 'rectification', label: '督办-整改-销号' },
  { value: 'weekly-report', label: '工作周报' },
];

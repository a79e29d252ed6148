// Shared by the monitor, live, instance and message-form tests: signed-in clients per demo user, a case started
// through its start form and moved to the opinion round (or on to a scheduled meeting), waiting for a badge, and
// a small server-sent-events reader.
import { randomBytes } from 'node:crypto';
import { ApiClient } from '../support/api-client';
import { demoPassword, type BootedSystem } from '../browser/support/system';

export function clientsFor(booted: () => BootedSystem) {
  const clients = new Map<string, ApiClient>();
  return async function as(username: string): Promise<ApiClient> {
    let c = clients.get(username);
    if (!c) {
      c = new ApiClient(booted().url);
      const res = await c.login(username, demoPassword);
      if (res.status !== 200) throw new Error(`login ${username}: ${res.status}`);
      clients.set(username, c);
    }
    return c;
  };
}

export const caseForm = (name: string, units: string[] = ['court', 'police']) => ({
  enterpriseName: name,
  externalCaseNumber: '（2026）某0101民初888号',
  handlingUnitCode: 'court',
  disputePoint: '合同款项结算争议',
  meetingReason: 'inter_unit_dispute',
  reasonDetail: '法院与公安对案件性质认识不一致',
  involvedUnitCodes: units,
  urgency: 'normal',
});

export async function until<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

interface TaskRow {
  userTaskKey: string;
  elementId: string;
  processInstanceKey: string;
}

export async function taskOf(c: ApiClient, elementId: string, number: string): Promise<TaskRow> {
  return until(`${elementId} of ${number}`, async () => {
    const res = await c.send<{ items: TaskRow[] }>('GET', `/api/tasks?pageSize=100&key=${number}`);
    return res.body.items.find((t) => t.elementId === elementId);
  });
}

/** Starts a case and accepts it at screening: the involved units then each have an opinion task. */
export async function caseInOpinionRound(
  as: (u: string) => Promise<ApiClient>,
  name: string,
  units?: string[],
) {
  const coordinator = await as('coordinator');
  const started = await coordinator.send<{ processInstanceKey: string; record: { number: string } }>(
    'POST',
    '/api/start-forms/case-coordination',
    { idempotencyKey: randomBytes(8).toString('hex'), variables: caseForm(name, units) },
  );
  if (started.status !== 201) throw new Error(`start: ${started.status} ${JSON.stringify(started.body)}`);
  const number = started.body.record.number;
  const screening = await taskOf(coordinator, 'Task_Screening', number);
  const done = await coordinator.send('POST', `/api/tasks/${screening.userTaskKey}/complete`, {
    variables: { screeningDecision: 'accept' },
  });
  if (done.status !== 200) throw new Error(`screening: ${done.status}`);
  return { number, processInstanceKey: started.body.processInstanceKey };
}

export const opinion = {
  opinion: { content: '建议民事途径解决', contactName: '承办人', contactPhone: '13800000000' },
};

const unitUsers: Record<string, string> = {
  court: 'court.user',
  police: 'police.user',
  procuratorate: 'procuratorate.user',
  justice: 'justice.user',
};

/**
 * A case whose units have given their opinions and whose meeting the office scheduled at `meetingAt`
 * ('2026-12-30T09:30:00+08:00'): the instance then waits for the meeting (or its 会议改期).
 */
export async function caseAwaitingMeeting(
  as: (u: string) => Promise<ApiClient>,
  name: string,
  units: string[],
  meetingAt: string,
) {
  const theCase = await caseInOpinionRound(as, name, units);
  for (const unit of units) {
    const c = await as(unitUsers[unit]!);
    const task = await taskOf(c, 'Task_SubmitOpinion', theCase.number);
    const done = await c.send('POST', `/api/tasks/${task.userTaskKey}/complete`, { variables: opinion });
    if (done.status !== 200) throw new Error(`${unit} opinion: ${done.status} ${JSON.stringify(done.body)}`);
  }
  const coordinator = await as('coordinator');
  const schedule = await taskOf(coordinator, 'Task_ScheduleMeeting', theCase.number);
  const scheduled = await coordinator.send('POST', `/api/tasks/${schedule.userTaskKey}/complete`, {
    variables: {
      meetingAt,
      meetingPlace: '区委政法委三楼会议室',
      meetingChair: '专班办公室主任',
      meetingAttendeeUnits: units,
      meetingAttendees: '各单位承办人',
    },
  });
  if (scheduled.status !== 200)
    throw new Error(`schedule: ${scheduled.status} ${JSON.stringify(scheduled.body)}`);
  return theCase;
}

/** A Beijing-time 'YYYY-MM-DD' some days from now. */
export const daysAhead = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

export interface SseEvent {
  id?: string;
  event: string;
  data: unknown;
}

/** Opens an event stream as the client; events are collected in order and can be awaited. */
export async function openStream(c: ApiClient, path: string, lastEventId?: string) {
  const controller = new AbortController();
  const headers: Record<string, string> = {
    accept: 'text/event-stream',
    cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
  };
  if (lastEventId) headers['last-event-id'] = lastEventId;
  const res = await fetch(c.baseUrl + path, { headers, signal: controller.signal });
  const events: SseEvent[] = [];
  const waiters: (() => void)[] = [];
  let buffer = '';
  const pump = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const e: SseEvent = { event: 'message', data: undefined };
          let data = '';
          for (const line of block.split('\n')) {
            if (line.startsWith('id: ')) e.id = line.slice(4);
            else if (line.startsWith('event: ')) e.event = line.slice(7);
            else if (line.startsWith('data: ')) data += line.slice(6);
          }
          if (!data) continue;
          e.data = JSON.parse(data);
          events.push(e);
          for (const w of waiters.splice(0)) w();
        }
      }
    } catch {
      // aborted
    }
  })();
  return {
    status: res.status,
    events,
    async next(pred: (e: SseEvent) => boolean, timeoutMs = 5000): Promise<SseEvent> {
      const end = Date.now() + timeoutMs;
      for (let seen = 0; ;) {
        const hit = events.slice(seen).find(pred);
        if (hit) return hit;
        seen = events.length;
        if (Date.now() > end) throw new Error(`no matching event in ${JSON.stringify(events)}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, Math.max(10, end - Date.now()));
        });
        seen = 0;
      }
    },
    close() {
      controller.abort();
      return pump;
    },
  };
}

export type Badges = Record<
  string,
  { active: number; incidents: number; overdue: number; completed?: number } | null
>;

/** Applies badge events to a state, as the browser does. */
export function applyBadges(state: Badges, events: SseEvent[]): Badges {
  for (const e of events) {
    if (e.event !== 'badges') continue;
    const d = e.data as { full: boolean; elements: Badges };
    if (d.full) for (const k of Object.keys(state)) delete state[k];
    for (const [k, v] of Object.entries(d.elements)) {
      if (v) state[k] = v;
      else delete state[k];
    }
  }
  return state;
}

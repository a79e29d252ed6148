// A case's next coordination meeting on its instance page: when and where, and how often it was moved. The
// office moves it with the 会议改期 message form beside it.
import { formatDateTime } from '../../shell/format';

export interface MeetingFacts {
  caseNumber: string;
  sequence: number;
  scheduledAt: string;
  place: string | null;
  rescheduleCount: number;
}

export function MeetingPanel({ meeting }: { meeting: MeetingFacts }) {
  return (
    <section class="card" aria-labelledby="inst-meeting">
      <h2 id="inst-meeting">第 {meeting.sequence} 次协调会</h2>
      <dl class="tk-facts">
        <div>
          <dt>会议时间</dt>
          <dd>{formatDateTime(meeting.scheduledAt)}</dd>
        </div>
        <div>
          <dt>会议地点</dt>
          <dd>{meeting.place ?? '—'}</dd>
        </div>
        {meeting.rescheduleCount > 0 && (
          <div>
            <dt>已改期</dt>
            <dd>{meeting.rescheduleCount} 次</dd>
          </div>
        )}
      </dl>
    </section>
  );
}

// 推进会 of a week (plan §三(二): at least one a week, any number): the recorded meetings with their minutes,
// attendance and 交办 items (each opened a ledger item), and for the office a dialog to record another.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import { Empty, ErrorNotice, Loading, Notice } from '../../components/states';
import { useApi } from '../../components/use-api';
import { api, query } from '../../shell/api';
import { useSave } from '../admin/use-save';

interface Item {
  problem: string;
  leadUnitCode: string;
  dueDate?: string;
}
interface Meeting {
  id: number;
  heldOn: string;
  title: string;
  minutes: string;
  attendance: string[];
  items: (Item & { leadUnitName: string; ledgerNumber: string | null; ledgerItemId: number | null })[];
}
interface Options {
  units: { value: string; label: string }[];
}

function MeetingDialog({ week, onClose, onSaved }: { week: string; onClose(): void; onSaved(): void }) {
  const options = useApi<Options>('/api/ledger/options');
  const units = options.data?.units ?? [];
  const [heldOn, setHeldOn] = useState('');
  const [title, setTitle] = useState('工作推进会');
  const [attendance, setAttendance] = useState('');
  const [minutes, setMinutes] = useState('');
  const [items, setItems] = useState<Item[]>([]);
  const save = useSave((path) => {
    const named: Record<string, string> = {
      heldOn: '会议日期',
      title: '会议名称',
      attendance: '参会人员',
      minutes: '会议纪要',
      items: '交办事项',
    };
    const [, i, part] = path.split('.');
    const item = { problem: '', leadUnitCode: '的责任单位', dueDate: '的完成期限' }[part ?? ''];
    return (
      named[path] ?? (i !== undefined && item !== undefined ? `交办事项 ${Number(i) + 1}${item}` : undefined)
    );
  });
  const setItem = (i: number, patch: Partial<Item>) =>
    setItems(items.map((it, n) => (n === i ? { ...it, ...patch } : it)));
  const itemError = (i: number, key: keyof Item) => save.fields[`items.${i}.${key}`];
  // The server names fields by their path (items.0.leadUnitCode); when every one is shown on its field, the
  // notice above only points there instead of repeating the paths.
  const onForm = (k: string) =>
    ['heldOn', 'title', 'attendance', 'minutes', 'items'].includes(k) || /^items\.\d+\./.test(k);
  const fieldKeys = Object.keys(save.fields);
  const placed = fieldKeys.length > 0 && fieldKeys.every(onForm);
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      isoWeek: week,
      heldOn,
      title,
      minutes,
      attendance: attendance
        .split(/[\n、,，;；]/)
        .map((s) => s.trim())
        .filter(Boolean),
      items: items.map((it) => ({ ...it, dueDate: it.dueDate || undefined })),
    };
    if (await save.run(() => api.post('/api/progress-meetings', body), '已记录推进会')) onSaved();
  };
  return (
    <Dialog open title={`记录推进会（${week}）`} onClose={onClose} wide>
      <form onSubmit={submit}>
        {save.message?.kind === 'error' && (
          <Notice kind="error">{placed ? '请按标出的提示修改后再保存。' : save.message.text}</Notice>
        )}
        <TextField
          label="会议日期"
          type="date"
          required
          value={heldOn}
          onValue={setHeldOn}
          error={save.fields.heldOn}
        />
        <TextField label="会议名称" required value={title} onValue={setTitle} error={save.fields.title} />
        <TextField
          label="参会人员"
          hint="多人用顿号或逗号分隔"
          required
          value={attendance}
          onValue={setAttendance}
          error={save.fields.attendance}
        />
        <div class={save.fields.minutes ? 'field field-invalid' : 'field'}>
          <label for="meeting-minutes">会议纪要</label>
          <textarea
            id="meeting-minutes"
            rows={5}
            required
            value={minutes}
            onInput={(e) => setMinutes((e.target as HTMLTextAreaElement).value)}
          />
          {save.fields.minutes && <p class="field-error">{save.fields.minutes}</p>}
        </div>
        <fieldset>
          <legend>交办事项（每项进入整改台账）</legend>
          {items.length === 0 && <p class="muted">本次会议没有交办事项。</p>}
          {items.map((it, i) => (
            <div key={i} class="meeting-item">
              <TextField
                label={`交办事项 ${i + 1}`}
                required
                value={it.problem}
                onValue={(v) => setItem(i, { problem: v })}
                error={itemError(i, 'problem')}
              />
              <SelectField
                label="责任单位"
                value={it.leadUnitCode}
                onValue={(v) => setItem(i, { leadUnitCode: v })}
                options={[{ value: '', label: '请选择' }, ...units]}
                error={itemError(i, 'leadUnitCode')}
              />
              <TextField
                label="完成期限"
                type="date"
                value={it.dueDate ?? ''}
                onValue={(v) => setItem(i, { dueDate: v })}
                error={itemError(i, 'dueDate')}
              />
              <button type="button" class="btn" onClick={() => setItems(items.filter((_, n) => n !== i))}>
                删除此项
              </button>
            </div>
          ))}
          {save.fields.items && <p class="field-error">{save.fields.items}</p>}
          <button
            type="button"
            class="btn"
            onClick={() => setItems([...items, { problem: '', leadUnitCode: '' }])}
          >
            添加交办事项
          </button>
        </fieldset>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={save.busy}>
            保存
          </button>
          <button type="button" class="btn" onClick={onClose}>
            取消
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ProgressMeetings({ week, canRecord }: { week: string; canRecord: boolean }) {
  const { data, error, reload } = useApi<Meeting[]>(`/api/progress-meetings${query({ week })}`);
  const [open, setOpen] = useState(false);
  return (
    <section class="progress-meetings" aria-labelledby="progress-meetings-title">
      <header class="section-header">
        <h2 id="progress-meetings-title">{week} 推进会</h2>
        {canRecord && (
          <button type="button" class="btn btn-primary" onClick={() => setOpen(true)}>
            记录推进会
          </button>
        )}
      </header>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      {!data && !error && <Loading />}
      {data && data.length === 0 && (
        <Empty title="本周尚未记录推进会" hint="工作方案要求每周至少召开一次工作推进会" />
      )}
      {data && data.length > 0 && (
        <ol class="meeting-list">
          {data.map((m) => (
            <li key={m.id} class="card">
              <h3>
                {m.heldOn} {m.title}
              </h3>
              <p>参会：{m.attendance.join('、')}</p>
              <p class="pre-wrap">{m.minutes}</p>
              {m.items.length > 0 && (
                <ul>
                  {m.items.map((it, i) => (
                    <li key={i}>
                      交办：{it.problem}（{it.leadUnitName}
                      {it.dueDate ? `，${it.dueDate}前` : ''}）
                      {it.ledgerItemId ? (
                        <>
                          {' '}
                          — 整改台账 <a href={`/ledger/${it.ledgerItemId}`}>{it.ledgerNumber}</a>
                        </>
                      ) : (
                        <span class="muted"> — 台账事项尚未生成</span>
                      )}
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {open && (
        <MeetingDialog
          week={week}
          onClose={() => setOpen(false)}
          onSaved={() => {
            setOpen(false);
            reload();
          }}
        />
      )}
    </section>
  );
}

// See a task's form before claiming it: the form read-only with the task's data, in a dialog over the inbox.
import { Dialog } from '../../components/dialog';
import { ErrorNotice, Loading } from '../../components/states';
import { useApi } from '../../components/use-api';
import { FormView } from '../../forms/form-view';
import type { TaskDetail } from './types';

export function TaskPreview({ taskKey, onClose }: { taskKey: string | null; onClose(): void }) {
  const { data, error, loading } = useApi<TaskDetail>(taskKey ? `/api/tasks/${taskKey}` : null);
  return (
    <Dialog
      open={taskKey !== null}
      title={data ? `预览：${data.task.name}` : '预览任务'}
      onClose={onClose}
      wide
    >
      {loading && !data && <Loading />}
      {error ? <ErrorNotice error={error} /> : null}
      {data && data.task.userTaskKey === taskKey && (
        <>
          {data.form ? (
            <FormView schema={data.form} data={data.variables} readOnly />
          ) : (
            <p>该任务没有表单，打开后直接办理。</p>
          )}
          <div class="form-actions">
            <a class="btn btn-primary" href={`/tasks/${taskKey}`}>
              打开办理
            </a>
            <button type="button" class="btn" onClick={onClose}>
              关闭
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}

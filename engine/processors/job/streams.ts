// Open job streams (StreamActivatedJobs): the engine pushes activatable jobs of a stream's type
// to one of the streams of that type, round robin. Streams live only as long as their
// connections; they are not state.
import type { Key } from '../../protocol/keys';
import type { JobValue } from '../../protocol/values';

export interface ActivatedJob {
  key: Key;
  value: JobValue;
  /** Variables as a JSON object text. */
  variables: string;
}

export interface JobStream {
  type: string;
  worker: string;
  timeout: number;
  fetchVariables: string[];
  tenantIds: string[];
  /** Hands the job over; false when the stream is gone (the job is then yielded back). */
  push(job: ActivatedJob): boolean;
}

export class JobStreams {
  private readonly byType = new Map<string, JobStream[]>();
  private readonly next = new Map<string, number>();
  private readonly listeners: ((type: string) => void)[] = [];

  add(stream: JobStream): () => void {
    const list = this.byType.get(stream.type) ?? [];
    list.push(stream);
    this.byType.set(stream.type, list);
    for (const l of this.listeners) l(stream.type);
    return () => {
      const current = this.byType.get(stream.type);
      if (!current) return;
      const i = current.indexOf(stream);
      if (i >= 0) current.splice(i, 1);
      if (current.length === 0) this.byType.delete(stream.type);
    };
  }

  has(type: string): boolean {
    return (this.byType.get(type)?.length ?? 0) > 0;
  }

  pick(type: string): JobStream | undefined {
    const list = this.byType.get(type);
    if (!list || list.length === 0) return undefined;
    const i = (this.next.get(type) ?? 0) % list.length;
    this.next.set(type, i + 1);
    return list[i];
  }

  /** Called when a stream opens, so jobs waiting for it are pushed. */
  onStreamAdded(listener: (type: string) => void): void {
    this.listeners.push(listener);
  }

  get size(): number {
    let n = 0;
    for (const l of this.byType.values()) n += l.length;
    return n;
  }
}

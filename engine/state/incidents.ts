// Open incidents, found by their key, by the element instance they block, or by their job.
import type { Key } from '../protocol/keys';
import type { IncidentValue } from '../protocol/values';

export interface IncidentsView {
  get(key: Key): IncidentValue | undefined;
  ofElement(elementInstanceKey: Key): Key | undefined;
  ofJob(jobKey: Key): Key | undefined;
  readonly size: number;
}

export class IncidentStore implements IncidentsView {
  private readonly incidents = new Map<Key, IncidentValue>();
  private readonly byElement = new Map<Key, Key>();
  private readonly byJob = new Map<Key, Key>();

  get(key: Key): IncidentValue | undefined {
    return this.incidents.get(key);
  }
  ofElement(elementInstanceKey: Key): Key | undefined {
    return this.byElement.get(elementInstanceKey);
  }
  ofJob(jobKey: Key): Key | undefined {
    return this.byJob.get(jobKey);
  }
  get size(): number {
    return this.incidents.size;
  }

  add(key: Key, v: IncidentValue): void {
    this.incidents.set(key, v);
    if (v.jobKey > 0) this.byJob.set(v.jobKey, key);
    else this.byElement.set(v.elementInstanceKey, key);
  }

  remove(key: Key): void {
    const v = this.incidents.get(key);
    if (!v) return;
    this.incidents.delete(key);
    if (v.jobKey > 0) this.byJob.delete(v.jobKey);
    else this.byElement.delete(v.elementInstanceKey);
  }

  toJSON(): [Key, IncidentValue][] {
    return [...this.incidents];
  }

  load(data: [Key, IncidentValue][]): void {
    for (const [k, v] of data) this.add(k, v);
  }
}

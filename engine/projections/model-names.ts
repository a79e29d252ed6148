// Process and element names for the projections' rows. The engine's models have them; the projections'
// thread has no models, so the engine's thread sends each definition's names once (all known ones when the
// thread starts, a new one with the commit notice of the batch that deployed it) — a few strings, instead of
// parsing the BPMN again in the thread.
import type { State } from '../state/state';
import type { EngineRecord } from '../protocol/record';
import type { ModelNames } from './write-instances';

/** [definition key, process name, [element id, element name] of the named elements]. */
export type DefinitionNames = [number, string, [string, string][]];

export function definitionNames(state: State, key: number): DefinitionNames | undefined {
  let model;
  try {
    model = state.definitions.model(key);
  } catch {
    return undefined; // deleted meanwhile: its rows get no names, as on the engine's thread
  }
  const elements: [string, string][] = [];
  for (const [id, e] of model.elements) if (e.name) elements.push([id, e.name]);
  return [key, model.name ?? '', elements];
}

export function allDefinitionNames(state: State): DefinitionNames[] {
  const all: DefinitionNames[] = [];
  for (const p of state.definitions.processes()) {
    const names = definitionNames(state, p.processDefinitionKey);
    if (names) all.push(names);
  }
  return all;
}

/** The names of the definitions a committed batch deploys (none for almost every batch). */
export function namesDeployedIn(state: State, records: EngineRecord[]): DefinitionNames[] | undefined {
  let found: DefinitionNames[] | undefined;
  for (const r of records) {
    if (r.valueType !== 'PROCESS' || r.intent !== 'CREATED' || r.recordType !== 'EVENT') continue;
    const names = definitionNames(state, (r as EngineRecord<'PROCESS'>).value.processDefinitionKey);
    if (names) (found ??= []).push(names);
  }
  return found;
}

export class ModelNameTable implements ModelNames {
  private readonly processes = new Map<number, string>();
  private readonly elements = new Map<number, Map<string, string>>();

  constructor(all: DefinitionNames[] = []) {
    this.add(all);
  }

  add(all: DefinitionNames[]): void {
    for (const [key, name, elements] of all) {
      this.processes.set(key, name);
      this.elements.set(key, new Map(elements));
    }
  }

  processName(key: number): string {
    return this.processes.get(key) ?? '';
  }

  elementName(key: number, elementId: string): string {
    return this.elements.get(key)?.get(elementId) ?? '';
  }
}

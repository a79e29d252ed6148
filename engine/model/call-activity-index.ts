// Which call activity a called instance came through is named in the tree paths (callingElementPath) by an
// index, as Zeebe 8.8 numbers it at deployment (its CallActivityTransformer): the position of the call activity's
// id among the ids of all call activities of the resource — every process in the file, executable or not, and
// those nested in subprocesses — sorted.
import { list, type ModdleElement } from './parse';
import type { ExecutableProcess } from './types';

function collect(container: ModdleElement, ids: string[]): void {
  for (const fe of list(container, 'flowElements')) {
    if (fe.$type === 'bpmn:CallActivity' && fe.id) ids.push(fe.id);
    collect(fe, ids);
  }
}

export function indexCallActivities(processes: ModdleElement[], transformed: ExecutableProcess[]): void {
  const ids: string[] = [];
  for (const p of processes) collect(p, ids);
  ids.sort();
  for (const p of transformed)
    for (const e of p.elements.values())
      if (e.calledElement) e.calledElement.lexicographicIndex = ids.indexOf(e.id);
}

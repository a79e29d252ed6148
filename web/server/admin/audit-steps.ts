// The names of the processes' steps by process id and element id, read once from the models zhuanban deploys:
// the audit log names a task completed through the web by its step (审批延期申请), also on rows written before
// the completion recorded the task's name. An element id alone is not enough — two processes share one.
import fs from 'node:fs';
import path from 'node:path';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import { findProcessesDir } from '../../../cli/system/deploy';

let names: Promise<Map<string, string>> | undefined;

/** `processId:elementId` → the element's name, and `processId` → the process's name. */
export function stepNames(): Promise<Map<string, string>> {
  names ??= readStepNames().catch((error: unknown) => {
    names = undefined;
    throw error;
  });
  return names;
}

async function readStepNames(): Promise<Map<string, string>> {
  const dir = findProcessesDir(__dirname);
  const moddle = new BpmnModdle();
  const out = new Map<string, string>();
  for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.bpmn'))) {
    const { elementsById } = await moddle.fromXML(fs.readFileSync(path.join(dir, file), 'utf8'));
    for (const element of Object.values(elementsById)) {
      if (element.$type === 'bpmn:Process' && element.id && typeof element.name === 'string')
        out.set(element.id, element.name.trim());
      const process = owningProcess(element);
      if (process && element.id && typeof element.name === 'string' && element.name.trim())
        out.set(`${process}:${element.id}`, element.name.trim());
    }
  }
  return out;
}

function owningProcess(element: ModdleElement): string | undefined {
  for (let p = element.$parent; p; p = p.$parent) if (p.$type === 'bpmn:Process') return p.id;
  return undefined;
}

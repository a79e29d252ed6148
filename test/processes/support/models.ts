// Loads the BPMN models and forms in processes/ for the model tests: the files, their moddle trees (bpmn-moddle
// with the Zeebe and Modeler extensions, as the Camunda Modeler reads them) and small queries over both.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BpmnModdle, type ModdleElement } from 'bpmn-moddle';
import zeebe from 'zeebe-bpmn-moddle/resources/zeebe.json';
import modeler from 'modeler-moddle/resources/modeler.json';

export const processesDir = join(__dirname, '..', '..', '..', 'processes');
export const formsDir = join(processesDir, 'forms');

export interface ModelFile {
  name: string;
  xml: string;
}

export function modelFiles(): ModelFile[] {
  return readdirSync(processesDir)
    .filter((f) => f.endsWith('.bpmn'))
    .sort()
    .map((name) => ({ name, xml: readFileSync(join(processesDir, name), 'utf8') }));
}

export interface FormComponent {
  id?: string;
  type: string;
  key?: string;
  path?: string;
  label?: string;
  text?: string;
  validate?: Record<string, unknown>;
  components?: FormComponent[];
  [property: string]: unknown;
}

export interface FormFile {
  name: string;
  schema: FormComponent & {
    schemaVersion: number;
    executionPlatform?: string;
    executionPlatformVersion?: string;
  };
}

export function formFiles(): FormFile[] {
  return readdirSync(formsDir)
    .filter((f) => f.endsWith('.form'))
    .sort()
    .map((name) => ({
      name,
      schema: JSON.parse(readFileSync(join(formsDir, name), 'utf8')) as FormFile['schema'],
    }));
}

export async function parseModel(xml: string) {
  const moddle = new BpmnModdle({ zeebe, modeler });
  return moddle.fromXML(xml);
}

export function list(el: ModdleElement | undefined, prop: string): ModdleElement[] {
  return ((el?.[prop] as ModdleElement[] | undefined) ?? []).filter(Boolean);
}

/** Every flow element of a process, descending into subprocesses. */
export function flowElements(scope: ModdleElement): ModdleElement[] {
  return list(scope, 'flowElements').flatMap((e) =>
    e.$type === 'bpmn:SubProcess' ? [e, ...flowElements(e)] : [e],
  );
}

export function extension(el: ModdleElement, type: string): ModdleElement | undefined {
  return list(el.extensionElements as ModdleElement | undefined, 'values').find((v) => v.$type === type);
}

export function processOf(definitions: ModdleElement): ModdleElement {
  const processes = list(definitions, 'rootElements').filter((e) => e.$type === 'bpmn:Process');
  if (processes.length !== 1) throw new Error(`expected one process, found ${processes.length}`);
  return processes[0];
}

/** Components of a form in document order, with the data path each field binds to (group/list paths + key). */
export function formFields(
  schema: FormComponent,
  prefix: string[] = [],
): { component: FormComponent; path: string }[] {
  const out: { component: FormComponent; path: string }[] = [];
  for (const c of schema.components ?? []) {
    const own = c.key ? [...prefix, c.key] : prefix;
    out.push({ component: c, path: c.key ? own.join('.') : '' });
    if (c.components) {
      const nested = c.path ? [...prefix, ...c.path.split('.')] : prefix;
      out.push(...formFields(c, nested));
    }
  }
  return out;
}

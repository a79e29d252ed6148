// Deployed process definitions and forms, by key and by id with their versions, and which
// deployment each came in (for bindingType "deployment"). Executable models are attached by the
// model cache, never serialized.
import type { Key } from '../protocol/keys';
import type { FormValue, ProcessValue } from '../protocol/values';
import type { ExecutableProcess } from '../model/types';

export interface DefinitionsView {
  process(key: Key): ProcessValue | undefined;
  latestProcess(bpmnProcessId: string): ProcessValue | undefined;
  processVersion(bpmnProcessId: string, version: number): ProcessValue | undefined;
  processInDeployment(deploymentKey: Key, bpmnProcessId: string): ProcessValue | undefined;
  latestProcessWithTag(bpmnProcessId: string, versionTag: string): ProcessValue | undefined;
  model(key: Key): ExecutableProcess;
  form(key: Key): FormValue | undefined;
  latestForm(formId: string): FormValue | undefined;
  formInDeployment(deploymentKey: Key, formId: string): FormValue | undefined;
  latestFormWithTag(formId: string, versionTag: string): FormValue | undefined;
  processes(): Iterable<ProcessValue>;
  forms(): Iterable<FormValue>;
}

export type ModelLookup = (process: ProcessValue) => ExecutableProcess;

export class DefinitionStore implements DefinitionsView {
  private readonly processByKey = new Map<Key, ProcessValue>();
  private readonly processVersions = new Map<string, Key[]>();
  private readonly formByKey = new Map<Key, FormValue>();
  private readonly formVersions = new Map<string, Key[]>();
  private readonly models = new Map<Key, ExecutableProcess>();

  constructor(private readonly loadModel: ModelLookup) {}

  process(key: Key): ProcessValue | undefined {
    return this.processByKey.get(key);
  }
  latestProcess(bpmnProcessId: string): ProcessValue | undefined {
    const versions = this.processVersions.get(bpmnProcessId);
    return versions ? this.processByKey.get(versions[versions.length - 1]) : undefined;
  }
  processVersion(bpmnProcessId: string, version: number): ProcessValue | undefined {
    const key = this.processVersions.get(bpmnProcessId)?.[version - 1];
    return key === undefined ? undefined : this.processByKey.get(key);
  }
  processInDeployment(deploymentKey: Key, bpmnProcessId: string): ProcessValue | undefined {
    const keys = this.processVersions.get(bpmnProcessId) ?? [];
    for (let i = keys.length - 1; i >= 0; i--) {
      const p = this.processByKey.get(keys[i]);
      if (p?.deploymentKey === deploymentKey) return p;
    }
    return undefined;
  }
  latestProcessWithTag(bpmnProcessId: string, versionTag: string): ProcessValue | undefined {
    const keys = this.processVersions.get(bpmnProcessId) ?? [];
    for (let i = keys.length - 1; i >= 0; i--) {
      const p = this.processByKey.get(keys[i]);
      if (p?.versionTag === versionTag) return p;
    }
    return undefined;
  }
  model(key: Key): ExecutableProcess {
    let m = this.models.get(key);
    if (!m) {
      const p = this.processByKey.get(key);
      if (!p) throw new Error(`no process definition with key ${key}`);
      m = this.loadModel(p);
      this.models.set(key, m);
    }
    return m;
  }
  form(key: Key): FormValue | undefined {
    return this.formByKey.get(key);
  }
  latestForm(formId: string): FormValue | undefined {
    const versions = this.formVersions.get(formId);
    return versions ? this.formByKey.get(versions[versions.length - 1]) : undefined;
  }
  formInDeployment(deploymentKey: Key, formId: string): FormValue | undefined {
    for (const key of this.formVersions.get(formId) ?? []) {
      const f = this.formByKey.get(key);
      if (f?.deploymentKey === deploymentKey) return f;
    }
    return undefined;
  }
  latestFormWithTag(formId: string, versionTag: string): FormValue | undefined {
    const keys = this.formVersions.get(formId) ?? [];
    for (let i = keys.length - 1; i >= 0; i--) {
      const f = this.formByKey.get(keys[i]);
      if (f?.versionTag === versionTag) return f;
    }
    return undefined;
  }
  processes(): Iterable<ProcessValue> {
    return this.processByKey.values();
  }
  forms(): Iterable<FormValue> {
    return this.formByKey.values();
  }

  addProcess(v: ProcessValue): void {
    this.processByKey.set(v.processDefinitionKey, v);
    const versions = this.processVersions.get(v.bpmnProcessId) ?? [];
    versions[v.version - 1] = v.processDefinitionKey;
    this.processVersions.set(v.bpmnProcessId, versions);
  }
  addForm(v: FormValue): void {
    this.formByKey.set(v.formKey, v);
    const versions = this.formVersions.get(v.formId) ?? [];
    versions[v.version - 1] = v.formKey;
    this.formVersions.set(v.formId, versions);
  }

  toJSON() {
    return { processes: [...this.processByKey.values()], forms: [...this.formByKey.values()] };
  }
  load(data: ReturnType<DefinitionStore['toJSON']>): void {
    for (const p of data.processes) this.addProcess(p);
    for (const f of data.forms) this.addForm(f);
  }
}

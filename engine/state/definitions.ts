// Deployed process definitions and forms, by key and by id with their versions, and which
// deployment each came in (for bindingType "deployment"). Executable models are attached by the
// model cache, never serialized.
import type { Key } from '../protocol/keys';
import type { DecisionRequirementsValue, DecisionValue, FormValue, ProcessValue } from '../protocol/values';
import type { ExecutableProcess } from '../model/types';

export interface DefinitionsView {
  process(key: Key): ProcessValue | undefined;
  latestProcess(bpmnProcessId: string): ProcessValue | undefined;
  processVersion(bpmnProcessId: string, version: number): ProcessValue | undefined;
  /** The newest version below `version` that is still deployed (versions may have been deleted). */
  processVersionBefore(bpmnProcessId: string, version: number): ProcessValue | undefined;
  /** The version the next deployment of the id gets: deleted versions are never reused. */
  nextProcessVersion(bpmnProcessId: string): number;
  nextFormVersion(formId: string): number;
  processInDeployment(deploymentKey: Key, bpmnProcessId: string): ProcessValue | undefined;
  latestProcessWithTag(bpmnProcessId: string, versionTag: string): ProcessValue | undefined;
  model(key: Key): ExecutableProcess;
  form(key: Key): FormValue | undefined;
  latestForm(formId: string): FormValue | undefined;
  formInDeployment(deploymentKey: Key, formId: string): FormValue | undefined;
  latestFormWithTag(formId: string, versionTag: string): FormValue | undefined;
  processes(): Iterable<ProcessValue>;
  forms(): Iterable<FormValue>;
  decision(key: Key): DecisionValue | undefined;
  latestDecision(decisionId: string): DecisionValue | undefined;
  decisionInDeployment(deploymentKey: Key, decisionId: string): DecisionValue | undefined;
  latestDecisionWithTag(decisionId: string, versionTag: string): DecisionValue | undefined;
  nextDecisionVersion(decisionId: string): number;
  decisionRequirements(key: Key): DecisionRequirementsValue | undefined;
  latestDecisionRequirements(id: string): DecisionRequirementsValue | undefined;
  nextDecisionRequirementsVersion(id: string): number;
  decisions(): Iterable<DecisionValue>;
  allDecisionRequirements(): Iterable<DecisionRequirementsValue>;
  /** The decisions deployed with the graph (its own keys; a duplicate deployment adds none). */
  decisionsOfRequirements(decisionRequirementsKey: Key): DecisionValue[];
}

/** Marks a deleted version in the version lists (no definition has key 0). */
const DELETED = 0 as Key;

export type ModelLookup = (process: ProcessValue) => ExecutableProcess;

export class DefinitionStore implements DefinitionsView {
  private readonly processByKey = new Map<Key, ProcessValue>();
  private readonly processVersions = new Map<string, Key[]>();
  private readonly formByKey = new Map<Key, FormValue>();
  private readonly formVersions = new Map<string, Key[]>();
  private readonly models = new Map<Key, ExecutableProcess>();
  private readonly decisionByKey = new Map<Key, DecisionValue>();
  private readonly decisionVersions = new Map<string, Key[]>();
  private readonly drgByKey = new Map<Key, DecisionRequirementsValue>();
  private readonly drgVersions = new Map<string, Key[]>();

  constructor(private readonly loadModel: ModelLookup) {}

  process(key: Key): ProcessValue | undefined {
    return this.processByKey.get(key);
  }
  latestProcess(bpmnProcessId: string): ProcessValue | undefined {
    const versions = this.processVersions.get(bpmnProcessId);
    return versions ? this.processVersionBefore(bpmnProcessId, versions.length + 1) : undefined;
  }
  processVersionBefore(bpmnProcessId: string, version: number): ProcessValue | undefined {
    const versions = this.processVersions.get(bpmnProcessId) ?? [];
    for (let i = Math.min(version - 1, versions.length) - 1; i >= 0; i--) {
      const p = versions[i] === undefined ? undefined : this.processByKey.get(versions[i]);
      if (p) return p;
    }
    return undefined;
  }
  nextProcessVersion(bpmnProcessId: string): number {
    return (this.processVersions.get(bpmnProcessId)?.length ?? 0) + 1;
  }
  nextFormVersion(formId: string): number {
    return (this.formVersions.get(formId)?.length ?? 0) + 1;
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
    const versions = this.formVersions.get(formId) ?? [];
    for (let i = versions.length - 1; i >= 0; i--) {
      const f = versions[i] === undefined ? undefined : this.formByKey.get(versions[i]);
      if (f) return f;
    }
    return undefined;
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

  decision(key: Key): DecisionValue | undefined {
    return this.decisionByKey.get(key);
  }
  latestDecision(decisionId: string): DecisionValue | undefined {
    return this.newest(this.decisionVersions, this.decisionByKey, decisionId, () => true);
  }
  decisionInDeployment(deploymentKey: Key, decisionId: string): DecisionValue | undefined {
    return this.newest(
      this.decisionVersions,
      this.decisionByKey,
      decisionId,
      (d) => d.deploymentKey === deploymentKey,
    );
  }
  latestDecisionWithTag(decisionId: string, versionTag: string): DecisionValue | undefined {
    return this.newest(
      this.decisionVersions,
      this.decisionByKey,
      decisionId,
      (d) => d.versionTag === versionTag,
    );
  }
  nextDecisionVersion(decisionId: string): number {
    return (this.decisionVersions.get(decisionId)?.length ?? 0) + 1;
  }
  decisionRequirements(key: Key): DecisionRequirementsValue | undefined {
    return this.drgByKey.get(key);
  }
  latestDecisionRequirements(id: string): DecisionRequirementsValue | undefined {
    return this.newest(this.drgVersions, this.drgByKey, id, () => true);
  }
  nextDecisionRequirementsVersion(id: string): number {
    return (this.drgVersions.get(id)?.length ?? 0) + 1;
  }
  decisions(): Iterable<DecisionValue> {
    return this.decisionByKey.values();
  }
  allDecisionRequirements(): Iterable<DecisionRequirementsValue> {
    return this.drgByKey.values();
  }

  decisionsOfRequirements(decisionRequirementsKey: Key): DecisionValue[] {
    return [...this.decisionByKey.values()].filter(
      (d) => d.decisionRequirementsKey === decisionRequirementsKey,
    );
  }

  private newest<T>(versions: Map<string, Key[]>, byKey: Map<Key, T>, id: string, accept: (v: T) => boolean) {
    const keys = versions.get(id) ?? [];
    for (let i = keys.length - 1; i >= 0; i--) {
      const v = keys[i] === undefined ? undefined : byKey.get(keys[i]);
      if (v && accept(v)) return v;
    }
    return undefined;
  }

  addDecision(v: DecisionValue): void {
    this.decisionByKey.set(v.decisionKey, v);
    const versions = this.decisionVersions.get(v.decisionId) ?? [];
    versions[v.version - 1] = v.decisionKey;
    this.decisionVersions.set(v.decisionId, versions);
  }
  addDecisionRequirements(v: DecisionRequirementsValue): void {
    this.drgByKey.set(v.decisionRequirementsKey, v);
    const versions = this.drgVersions.get(v.decisionRequirementsId) ?? [];
    versions[v.decisionRequirementsVersion - 1] = v.decisionRequirementsKey;
    this.drgVersions.set(v.decisionRequirementsId, versions);
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

  /** A deleted definition leaves its version number taken. */
  removeProcess(key: Key): void {
    const p = this.processByKey.get(key);
    if (!p) return;
    this.processByKey.delete(key);
    this.models.delete(key);
    const versions = this.processVersions.get(p.bpmnProcessId);
    if (versions && versions[p.version - 1] === key) versions[p.version - 1] = DELETED;
  }
  /** A deleted decision or decision requirements graph leaves its version number taken, as a process does. */
  removeDecision(key: Key): void {
    const d = this.decisionByKey.get(key);
    if (!d) return;
    this.decisionByKey.delete(key);
    const versions = this.decisionVersions.get(d.decisionId);
    if (versions && versions[d.version - 1] === key) versions[d.version - 1] = DELETED;
  }
  removeDecisionRequirements(key: Key): void {
    const g = this.drgByKey.get(key);
    if (!g) return;
    this.drgByKey.delete(key);
    const versions = this.drgVersions.get(g.decisionRequirementsId);
    if (versions && versions[g.decisionRequirementsVersion - 1] === key)
      versions[g.decisionRequirementsVersion - 1] = DELETED;
  }
  removeForm(key: Key): void {
    const f = this.formByKey.get(key);
    if (!f) return;
    this.formByKey.delete(key);
    const versions = this.formVersions.get(f.formId);
    if (versions && versions[f.version - 1] === key) versions[f.version - 1] = DELETED;
  }

  toJSON() {
    const counts = (m: Map<string, Key[]>) => Object.fromEntries([...m].map(([id, v]) => [id, v.length]));
    return {
      processes: [...this.processByKey.values()],
      forms: [...this.formByKey.values()],
      processVersionCounts: counts(this.processVersions),
      formVersionCounts: counts(this.formVersions),
      decisions: [...this.decisionByKey.values()],
      decisionRequirements: [...this.drgByKey.values()],
      decisionVersionCounts: counts(this.decisionVersions),
      decisionRequirementsVersionCounts: counts(this.drgVersions),
    };
  }
  load(data: ReturnType<DefinitionStore['toJSON']>): void {
    for (const p of data.processes) this.addProcess(p);
    for (const f of data.forms) this.addForm(f);
    // Snapshots written before DMN existed have no decisions.
    for (const d of data.decisions ?? []) this.addDecision(d);
    for (const g of data.decisionRequirements ?? []) this.addDecisionRequirements(g);
    // Snapshots written before deletion existed have no counts; then every version is still there.
    const pad = (m: Map<string, Key[]>, counts: Record<string, number> | undefined) => {
      for (const [id, n] of Object.entries(counts ?? {})) {
        const v = m.get(id) ?? [];
        while (v.length < n) v.push(DELETED);
        for (let i = 0; i < v.length; i++) if (v[i] === undefined) v[i] = DELETED;
        m.set(id, v);
      }
    };
    pad(this.processVersions, data.processVersionCounts);
    pad(this.formVersions, data.formVersionCounts);
    pad(this.decisionVersions, data.decisionVersionCounts);
    pad(this.drgVersions, data.decisionRequirementsVersionCounts);
  }
}

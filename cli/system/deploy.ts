// Deploys every model and form of processes/ (*.bpmn, *.dmn, *.form, sub-folders included) in ONE deployment
// through the gRPC gateway. Zeebe and the embedded engine answer an unchanged resource with its existing
// version, so starting again does not create new versions; the log says which versions are new.
import fs from 'node:fs';
import path from 'node:path';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';

export interface DeployedResource {
  kind: 'process' | 'decision' | 'form';
  id: string;
  version: number;
  key: string;
  resourceName: string;
}

/** processes/ of the repository: found upwards from here, so it works from the sources and from dist/. */
export function findProcessesDir(start = __dirname): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'processes');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`cannot find processes/ above ${start}`);
  }
}

function listResources(dir: string, prefix = ''): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => {
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      if (e.isDirectory()) return listResources(path.join(dir, e.name), rel);
      return /\.(bpmn|dmn|form)$/.test(e.name) ? [rel] : [];
    });
}

type Metadata = Record<string, unknown>;

export async function deployProcesses(
  zeebe: Pick<ZeebeGrpcClient, 'deployResources'>,
  dir: string,
): Promise<DeployedResource[]> {
  const names = listResources(dir);
  if (names.length === 0) throw new Error(`no .bpmn, .dmn or .form files in ${dir}`);
  const resources = names.map((name) => {
    const content = fs.readFileSync(path.join(dir, name));
    if (name.endsWith('.form')) return { form: content, name };
    if (name.endsWith('.dmn')) return { decision: content, name };
    return { process: content, name };
  });
  const response = await zeebe.deployResources(resources);
  const out: DeployedResource[] = [];
  for (const d of response.deployments as Record<string, Metadata | undefined>[]) {
    if (d.process)
      out.push({
        kind: 'process',
        id: String(d.process.bpmnProcessId),
        version: Number(d.process.version),
        key: String(d.process.processDefinitionKey),
        resourceName: String(d.process.resourceName),
      });
    else if (d.decision)
      out.push({
        kind: 'decision',
        id: String(d.decision.dmnDecisionId),
        version: Number(d.decision.version),
        key: String(d.decision.decisionKey),
        resourceName: String(d.decision.resourceName),
      });
    else if (d.form)
      out.push({
        kind: 'form',
        id: String(d.form.formId),
        version: Number(d.form.version),
        key: String(d.form.formKey),
        resourceName: String(d.form.resourceName),
      });
  }
  return out;
}

/** One line for the log: "weekly-report v2, case-coordination v1, … (12 forms)". */
export function describeDeployment(deployed: DeployedResource[]): string {
  const processes = deployed.filter((d) => d.kind !== 'form').map((d) => `${d.id} v${d.version}`);
  const forms = deployed.filter((d) => d.kind === 'form').length;
  return `${processes.join(', ') || 'no process'}${forms ? ` (${forms} forms)` : ''}`;
}

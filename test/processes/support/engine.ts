// The models' way into the real engine: an @camunda8/sdk gRPC client on the test server, and one deployment of
// every model and form in processes/ (as `zhuanban deploy` will do), answering the deployed versions.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Camunda8 } from '@camunda8/sdk';
import type { ZeebeGrpcClient } from '@camunda8/sdk/dist/zeebe';
import type { EngineServer } from '../../../engine/server';
import { sdkConfig } from '../../engine/support/harness';
import { formFiles, formsDir, modelFiles, processesDir } from './models';

export function sdkClient(server: EngineServer): ZeebeGrpcClient {
  return new Camunda8(sdkConfig(server.grpcAddress) as never).getZeebeGrpcApiClient();
}

export interface Deployed {
  processes: { bpmnProcessId: string; version: number; processDefinitionKey: string; resourceName: string }[];
  forms: { formId: string; version: number; formKey: string; resourceName: string }[];
}

export async function deployAll(zeebe: ZeebeGrpcClient): Promise<Deployed> {
  const resources = [
    ...modelFiles().map((m) => ({
      process: Buffer.from(readFileSync(join(processesDir, m.name))),
      name: m.name,
    })),
    ...formFiles().map((f) => ({
      form: Buffer.from(readFileSync(join(formsDir, f.name))),
      name: `forms/${f.name}`,
    })),
  ];
  const response = await zeebe.deployResources(resources as never);
  const out: Deployed = { processes: [], forms: [] };
  for (const d of response.deployments as unknown as Record<string, Record<string, unknown> | undefined>[]) {
    if (d.process)
      out.processes.push({
        bpmnProcessId: String(d.process.bpmnProcessId),
        version: Number(d.process.version),
        processDefinitionKey: String(d.process.processDefinitionKey),
        resourceName: String(d.process.resourceName),
      });
    if (d.form)
      out.forms.push({
        formId: String(d.form.formId),
        version: Number(d.form.version),
        formKey: String(d.form.formKey),
        resourceName: String(d.form.resourceName),
      });
  }
  out.processes.sort((a, b) => a.bpmnProcessId.localeCompare(b.bpmnProcessId));
  out.forms.sort((a, b) => a.formId.localeCompare(b.formId));
  return out;
}

// Handlers of the Gateway RPCs about deployments, instances, variables, incidents, messages and
// signals: validate the request, turn it into an engine command, and answer with the protocol's
// response or the status code Zeebe would use. Job RPCs are in job-handlers.ts.
import type { GatewayEngine } from './gateway-engine';
import {
  DEFAULT_TENANT,
  type DecisionRequirementsMetadata,
  type DecisionValue,
  type ProcessInstanceResultValue,
  type ValueByType,
  type ValueType,
} from '../../protocol/values';
import { GatewayError, rejectionMessage } from '../rejections';
import { checkTenant, parseDocument } from '../documents';
import { int64 } from './convert';
import { incidentValue, instanceValue } from '../../protocol/defaults';
import { runCommand, runHeldCommand, str, type Req } from './command';

export type { Req };

export class GrpcHandlers {
  constructor(
    private readonly engine: GatewayEngine,
    private readonly version: string,
    private readonly address: () => { host: string; port: number },
    private readonly requestTimeoutMillis: number,
  ) {}

  private run<T extends ValueType>(
    valueType: T,
    intent: string,
    value: ValueByType[T],
    key = -1,
  ): Promise<unknown> {
    return runCommand(this.engine, valueType, intent, value, key);
  }

  topology() {
    const { host, port } = this.address();
    return {
      brokers: [
        {
          nodeId: 0,
          host,
          port,
          partitions: [{ partitionId: 1, role: 'LEADER', health: 'HEALTHY' }],
          version: this.version,
        },
      ],
      clusterSize: 1,
      partitionsCount: 1,
      replicationFactor: 1,
      gatewayVersion: this.version,
    };
  }

  async deployResource(req: Req) {
    const tenantId = checkTenant(str(req.tenantId));
    const resources = (req.resources as { name: string; content: Buffer }[] | undefined) ?? [];
    const result = await this.engine.deploy(
      resources.map((r) => ({ name: r.name, content: Buffer.from(r.content).toString('utf8') })),
      tenantId,
    );
    if (!result.ok)
      throw new GatewayError(
        result.rejectionType,
        rejectionMessage('CREATE', result.rejectionType, result.reason),
      );
    const v = result.value as {
      key: number;
      processes: {
        bpmnProcessId: string;
        version: number;
        processDefinitionKey: number;
        resourceName: string;
      }[];
      forms: { formId: string; version: number; formKey: number; resourceName: string }[];
      decisionRequirements: DecisionRequirementsMetadata[];
      decisions: DecisionValue[];
    };
    return {
      key: String(v.key),
      tenantId,
      deployments: [
        ...v.processes.map((p) => ({
          process: {
            bpmnProcessId: p.bpmnProcessId,
            version: p.version,
            processDefinitionKey: String(p.processDefinitionKey),
            resourceName: p.resourceName,
            tenantId,
          },
        })),
        ...v.forms.map((f) => ({
          form: {
            formId: f.formId,
            version: f.version,
            formKey: String(f.formKey),
            resourceName: f.resourceName,
            tenantId,
          },
        })),
        ...v.decisions.map((d) => ({
          decision: {
            dmnDecisionId: d.decisionId,
            dmnDecisionName: d.decisionName,
            version: d.version,
            decisionKey: String(d.decisionKey),
            dmnDecisionRequirementsId: d.decisionRequirementsId,
            decisionRequirementsKey: String(d.decisionRequirementsKey),
            tenantId,
          },
        })),
        ...v.decisionRequirements.map((g) => ({
          decisionRequirements: {
            dmnDecisionRequirementsId: g.decisionRequirementsId,
            dmnDecisionRequirementsName: g.decisionRequirementsName,
            version: g.decisionRequirementsVersion,
            decisionRequirementsKey: String(g.decisionRequirementsKey),
            resourceName: g.resourceName,
            tenantId,
          },
        })),
      ],
    };
  }

  async deployProcess(req: Req) {
    const processes = (req.processes as { name: string; definition: Buffer }[] | undefined) ?? [];
    const r = await this.deployResource({
      resources: processes.map((p) => ({ name: p.name, content: p.definition })),
    });
    return { key: r.key, processes: r.deployments.flatMap((d) => ('process' in d ? [d.process] : [])) };
  }

  private creation(req: Req) {
    const processDefinitionKey = int64(req.processDefinitionKey);
    const bpmnProcessId = str(req.bpmnProcessId);
    if (!(processDefinitionKey > 0) && !bpmnProcessId) {
      throw new GatewayError(
        'INVALID_ARGUMENT',
        'Expected either a bpmnProcessId or a processDefinitionKey, but neither was given',
      );
    }
    return {
      bpmnProcessId,
      version: typeof req.version === 'number' && req.version > 0 ? req.version : -1,
      processDefinitionKey: processDefinitionKey > 0 ? processDefinitionKey : -1,
      processInstanceKey: -1,
      variables: parseDocument(str(req.variables)),
      startInstructions: (Array.isArray(req.startInstructions) ? (req.startInstructions as Req[]) : []).map(
        (i) => ({ elementId: str(i.elementId) }),
      ),
      fetchVariables: [] as string[],
      tenantId: checkTenant(str(req.tenantId)),
    };
  }

  async createProcessInstance(req: Req) {
    const v = (await this.run('PROCESS_INSTANCE_CREATION', 'CREATE', this.creation(req))) as Record<
      string,
      unknown
    >;
    // The keys stay numbers (exact below 2^53): protobufjs would parse decimal strings back into int64s.
    return v;
  }

  async createProcessInstanceWithResult(req: Req) {
    const inner = (req.request as Req | undefined) ?? {};
    const value = {
      ...this.creation(inner),
      fetchVariables: (req.fetchVariables as string[] | undefined) ?? [],
    };
    const result = (await this.run(
      'PROCESS_INSTANCE_CREATION',
      'CREATE_WITH_AWAITING_RESULT',
      value,
    )) as ProcessInstanceResultValue;
    return {
      processDefinitionKey: String(result.processDefinitionKey),
      bpmnProcessId: result.bpmnProcessId,
      version: result.version,
      processInstanceKey: String(result.processInstanceKey),
      variables: JSON.stringify(result.variables),
      tenantId: DEFAULT_TENANT,
    };
  }

  async deleteResource(req: Req) {
    const key = int64(req.resourceKey);
    await this.run('RESOURCE_DELETION', 'DELETE', { resourceKey: key, tenantId: DEFAULT_TENANT }, key);
    return {};
  }

  async cancelProcessInstance(req: Req) {
    const key = int64(req.processInstanceKey);
    await this.run('PROCESS_INSTANCE', 'CANCEL', instanceValue(key), key);
    return {};
  }

  async publishMessage(req: Req) {
    const name = str(req.name);
    if (!name)
      throw new GatewayError('INVALID_ARGUMENT', "Expected argument 'name' to be provided, but it was empty");
    const tenantId = checkTenant(str(req.tenantId));
    const v = (await this.run('MESSAGE', 'PUBLISH', {
      name,
      correlationKey: str(req.correlationKey),
      timeToLive: int64(req.timeToLive),
      messageId: str(req.messageId),
      variables: parseDocument(str(req.variables)),
      deadline: -1,
      tenantId,
    })) as { key: number };
    return { key: String(v.key), tenantId };
  }

  async resolveIncident(req: Req) {
    const key = int64(req.incidentKey);
    await this.run('INCIDENT', 'RESOLVE', incidentValue(), key);
    return {};
  }

  async setVariables(req: Req) {
    const scopeKey = int64(req.elementInstanceKey);
    const variables = parseDocument(str(req.variables));
    // on a user task with updating listeners the engine holds the command until they end
    const v = (await runHeldCommand(this.engine, this.requestTimeoutMillis, 'VARIABLE_DOCUMENT', 'UPDATE', {
      scopeKey,
      updateSemantics: req.local ? 'LOCAL' : 'PROPAGATE',
      variables,
      tenantId: DEFAULT_TENANT,
    })) as { key: number };
    return { key: String(v.key) };
  }

  async broadcastSignal(req: Req) {
    const signalName = str(req.signalName);
    if (!signalName)
      throw new GatewayError(
        'INVALID_ARGUMENT',
        "Expected argument 'signalName' to be provided, but it was empty",
      );
    const tenantId = checkTenant(str(req.tenantId));
    const v = (await this.run('SIGNAL', 'BROADCAST', {
      signalName,
      variables: parseDocument(str(req.variables)),
      tenantId,
    })) as { key: number };
    return { key: String(v.key), tenantId };
  }
}

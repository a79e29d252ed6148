// DEPLOYMENT CREATE: validates every resource (already parsed into the model cache by the
// gateway), versions processes and forms the way Zeebe does (unchanged latest → same key and
// version, else next version; a changed deployment re-versions all of its resources), and
// schedules start timers and message/signal start subscriptions for the new latest versions.
import type { EngineContext } from '../context';
import type { EngineRecord } from '../../protocol/record';
import type { FormMetadata, ProcessMetadata, ProcessValue, FormValue } from '../../protocol/values';
import { decisionProblems, deployDecisions, isDrgChanged, type DmnResource } from './decisions';
import { checksumOf } from '../../model/cache';
import { StartEventScheduling } from './start-events';
import { checkDeploymentBindings } from './bindings';
import { ValidationReport } from '../../model/report';

export class DeploymentProcessor {
  private readonly starts: StartEventScheduling;

  constructor(private readonly ctx: EngineContext) {
    this.starts = new StartEventScheduling(ctx);
  }

  /**
   * What can only be checked now, not when the file was parsed: start events evaluated without
   * variables, and deployment bindings to the other resources of this deployment. Only for
   * resources that are otherwise valid (their models are complete).
   */
  private deployTimeProblems(
    processes: { resourceName: string; checksum: string; id: string }[],
    processIds: Set<string>,
    formIds: Set<string>,
  ): string[] {
    const reports = new Map<string, ValidationReport>();
    for (const p of processes) {
      const prepared = this.ctx.models.get(p.checksum);
      if (!prepared || prepared.parseError || !prepared.report.ok) continue;
      const report = reports.get(p.resourceName) ?? new ValidationReport();
      reports.set(p.resourceName, report);
      const model = this.ctx.models.model(p.checksum, p.id);
      this.starts.check(model, report);
      checkDeploymentBindings(model, { processIds, formIds }, report);
    }
    return [...reports].filter(([, r]) => !r.ok).map(([name, r]) => r.format(name));
  }

  create(command: EngineRecord<'DEPLOYMENT'>): void {
    const { w, keys, state, models } = this.ctx;
    const resources = command.value.resources;
    const tenantId = command.value.tenantId;
    if (resources.length === 0)
      return w.reject('INVALID_ARGUMENT', 'Expected to deploy at least one resource, but none given');
    const problems: string[] = [];
    const processes: {
      resourceName: string;
      checksum: string;
      resource: string;
      id: string;
      versionTag: string;
    }[] = [];
    const forms: {
      resourceName: string;
      checksum: string;
      resource: string;
      id: string;
      versionTag: string;
    }[] = [];
    const dmn: DmnResource[] = [];
    for (const r of resources) {
      const name = r.resourceName;
      if (/\.(bpmn|xml)$/i.test(name)) {
        const prepared = models.get(checksumOf(r.resource));
        if (!prepared) throw new Error(`resource ${name} was not prepared`);
        if (prepared.parseError) problems.push(`'${name}': ${prepared.parseError}`);
        else if (!prepared.report.ok) problems.push(prepared.report.format(name));
        for (const p of prepared.processes.values()) {
          processes.push({
            resourceName: name,
            checksum: prepared.checksum,
            resource: r.resource,
            id: p.id,
            versionTag: p.versionTag,
          });
        }
      } else if (/\.form$/i.test(name)) {
        const form = readForm(r.resource);
        if (typeof form === 'string') problems.push(`'${name}': ${form}`);
        else
          forms.push({
            resourceName: name,
            checksum: checksumOf(r.resource),
            resource: r.resource,
            id: form.id,
            versionTag: form.versionTag,
          });
      } else if (/\.dmn$/i.test(name)) {
        const prepared = models.drg(checksumOf(r.resource));
        if (!prepared) throw new Error(`resource ${name} was not prepared`);
        if (prepared.parseError) problems.push(`'${name}': ${prepared.parseError}`);
        else if (!prepared.report.ok) problems.push(prepared.report.format(name));
        else
          dmn.push({
            resourceName: name,
            resource: r.resource,
            checksum: prepared.checksum,
            drg: prepared.drg!,
          });
      } else {
        problems.push(`'${name}': unsupported resource type; expected a .bpmn, .form (or .dmn) file`);
      }
    }
    const ids = processes.map((p) => p.id);
    const duplicateIds = ids.filter((id, i) => ids.indexOf(id) !== i);
    if (duplicateIds.length > 0)
      problems.push(`Duplicated process id in resources: '${[...new Set(duplicateIds)].join("', '")}'`);
    const formIds = forms.map((f) => f.id);
    const dupForms = formIds.filter((id, i) => formIds.indexOf(id) !== i);
    if (dupForms.length > 0)
      problems.push(`Duplicated form id in resources: '${[...new Set(dupForms)].join("', '")}'`);
    problems.push(...decisionProblems(dmn, state.definitions));
    problems.push(...this.deployTimeProblems(processes, new Set(ids), new Set(formIds)));
    if (problems.length > 0) {
      return w.reject(
        'INVALID_ARGUMENT',
        `Expected to deploy new resources, but encountered the following errors:\n${problems.join('\n')}`,
      );
    }

    // Zeebe versions a deployment as a whole: if anything changed, everything in it gets a new version.
    const changed =
      processes.some((p) => isChanged(state.definitions.latestProcess(p.id), p)) ||
      forms.some((f) => isChanged(state.definitions.latestForm(f.id), f)) ||
      dmn.some((d) => isDrgChanged(state.definitions, d));
    const deploymentKey = keys.next();
    const processesMetadata: ProcessMetadata[] = [];
    const formMetadata: FormMetadata[] = [];
    const created: ProcessValue[] = [];
    for (const f of forms) {
      const latest = state.definitions.latestForm(f.id);
      const duplicate = !changed && latest !== undefined;
      const version = duplicate ? latest.version : state.definitions.nextFormVersion(f.id);
      const formKey = duplicate ? latest.formKey : keys.next();
      const { id: formId, resourceName, checksum, versionTag } = f;
      if (!duplicate) {
        const value: FormValue = {
          formId,
          version,
          formKey,
          resourceName,
          checksum,
          resource: f.resource,
          deploymentKey,
          versionTag,
          tenantId,
        };
        w.appendEvent(formKey, 'FORM', 'CREATED', value);
      }
      formMetadata.push({
        formId,
        version,
        formKey,
        resourceName,
        checksum,
        duplicate,
        versionTag,
        tenantId,
      });
    }
    for (const p of processes) {
      const latest = state.definitions.latestProcess(p.id);
      const duplicate = !changed && latest !== undefined;
      const version = duplicate ? latest.version : state.definitions.nextProcessVersion(p.id);
      const processDefinitionKey = duplicate ? latest.processDefinitionKey : keys.next();
      const { id: bpmnProcessId, resourceName, checksum, versionTag } = p;
      if (!duplicate) {
        const value: ProcessValue = {
          bpmnProcessId,
          version,
          processDefinitionKey,
          resourceName,
          checksum,
          resource: p.resource,
          deploymentKey,
          versionTag,
          tenantId,
        };
        w.appendEvent(processDefinitionKey, 'PROCESS', 'CREATED', value);
        created.push(value);
      }
      processesMetadata.push({
        bpmnProcessId,
        version,
        processDefinitionKey,
        resourceName,
        checksum,
        duplicate,
        versionTag,
        tenantId,
      });
    }
    const { decisionRequirementsMetadata, decisionsMetadata } = deployDecisions(
      this.ctx,
      dmn,
      changed,
      deploymentKey,
      tenantId,
    );
    const deployment = {
      resources: resources.map((r) => ({ resourceName: r.resourceName, resource: '' })),
      processesMetadata,
      formMetadata,
      decisionRequirementsMetadata,
      decisionsMetadata,
      tenantId,
    };
    w.appendEvent(deploymentKey, 'DEPLOYMENT', 'CREATED', deployment);
    for (const p of created) this.starts.scheduleFor(p);
    w.respond({
      key: deploymentKey,
      processes: processesMetadata,
      forms: formMetadata,
      decisionRequirements: decisionRequirementsMetadata,
      decisions: decisionsMetadata,
    });
  }
}

function isChanged(
  latest: { checksum: string; resourceName: string } | undefined,
  next: { checksum: string; resourceName: string },
): boolean {
  return !latest || latest.checksum !== next.checksum || latest.resourceName !== next.resourceName;
}

function readForm(text: string): { id: string; versionTag: string } | string {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return `the form is not valid JSON (${e instanceof Error ? e.message : String(e)})`;
  }
  if (!json || typeof json !== 'object' || Array.isArray(json))
    return 'the form must be a JSON object (a form-js schema)';
  const id = (json as Record<string, unknown>).id;
  if (typeof id !== 'string' || id.trim() === '')
    return "the form must have a non-empty string 'id' (the formId user tasks link to)";
  const tag = (json as Record<string, unknown>).versionTag;
  return { id, versionTag: typeof tag === 'string' ? tag : '' };
}

// POST /v2/deployments: BPMN and form files as multipart/form-data parts named `resources`
// (and an optional `tenantId` field), deployed atomically; POST /v2/resources/{key}/deletion.
import { z } from 'zod';
import type { RouteModule } from '../context';
import { run } from '../context';
import { operationReference, parse, pathKey } from '../validation';
import {
  DEFAULT_TENANT,
  type DecisionRequirementsMetadata,
  type DecisionValue,
} from '../../../protocol/values';
import { rejection, invalidArgument } from '../problems';
import { parseMultipart } from '../multipart';
import { checkTenant } from '../../documents';

interface DeployResult {
  key: number;
  processes: { bpmnProcessId: string; version: number; processDefinitionKey: number; resourceName: string }[];
  forms: { formId: string; version: number; formKey: number; resourceName: string }[];
  decisionRequirements: DecisionRequirementsMetadata[];
  decisions: DecisionValue[];
}

const deletion = z.strictObject({ operationReference: operationReference.optional() }).nullable();

export const deploymentRoutes: RouteModule = (router, ctx) => {
  router.post('/resources/:key/deletion', async (req, res) => {
    const resourceKey = pathKey(req.params.key, 'resourceKey');
    parse(deletion, req.body ?? undefined);
    await run(
      ctx.engine,
      'RESOURCE_DELETION',
      'DELETE',
      { resourceKey, tenantId: DEFAULT_TENANT },
      resourceKey,
    );
    res.status(200).end();
  });

  router.post('/deployments', async (req, res) => {
    const contentType = req.headers['content-type'] ?? '';
    if (!/^multipart\/form-data/i.test(contentType) || !Buffer.isBuffer(req.body))
      throw invalidArgument(
        "Expected a multipart/form-data request with the files to deploy as parts named 'resources'",
      );
    const parts = parseMultipart(req.body, contentType);
    let tenant: string | undefined;
    const resources: { name: string; content: string }[] = [];
    for (const p of parts) {
      if (p.name === 'tenantId') tenant = p.data.toString('utf8');
      else if (p.name === 'resources') {
        if (!p.filename) throw invalidArgument("Each part named 'resources' must be a file with a file name");
        resources.push({ name: p.filename, content: p.data.toString('utf8') });
      } else
        throw invalidArgument(`Request property '${p.name}' is unknown; send 'resources' and 'tenantId'`);
    }
    if (resources.length === 0)
      throw invalidArgument("Expected at least one file in the parts named 'resources'");
    const tenantId = checkTenant(tenant);
    const result = await ctx.engine.deploy(resources, tenantId);
    if (!result.ok) throw rejection('CREATE', result.rejectionType, result.reason);
    const v = result.value as DeployResult;
    res.json({
      deploymentKey: String(v.key),
      tenantId,
      deployments: [
        ...v.processes.map((p) => ({
          processDefinition: {
            processDefinitionId: p.bpmnProcessId,
            processDefinitionVersion: p.version,
            resourceName: p.resourceName,
            tenantId,
            processDefinitionKey: String(p.processDefinitionKey),
          },
        })),
        ...v.forms.map((f) => ({
          form: {
            formId: f.formId,
            version: f.version,
            resourceName: f.resourceName,
            tenantId,
            formKey: String(f.formKey),
          },
        })),
        ...v.decisions.map((d) => ({
          decisionDefinition: {
            decisionDefinitionId: d.decisionId,
            version: d.version,
            name: d.decisionName,
            tenantId,
            decisionRequirementsId: d.decisionRequirementsId,
            decisionDefinitionKey: String(d.decisionKey),
            decisionRequirementsKey: String(d.decisionRequirementsKey),
          },
        })),
        ...v.decisionRequirements.map((g) => ({
          decisionRequirements: {
            decisionRequirementsId: g.decisionRequirementsId,
            version: g.decisionRequirementsVersion,
            decisionRequirementsName: g.decisionRequirementsName,
            tenantId,
            resourceName: g.resourceName,
            decisionRequirementsKey: String(g.decisionRequirementsKey),
          },
        })),
      ],
    });
  });
};

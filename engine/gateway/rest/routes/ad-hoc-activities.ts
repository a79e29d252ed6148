// POST /v2/element-instances/ad-hoc-activities/{adHocSubProcessInstanceKey}/activation (Camunda 8.8): activates
// inner elements of an active ad-hoc subprocess, whether the engine or a job worker runs it, optionally canceling
// the inner instances active before. The engine's AD_HOC_SUB_PROCESS_INSTRUCTION ACTIVATE decides; 8.8's gateway
// has no gRPC counterpart.
import { z } from 'zod';
import type { RouteModule } from '../context';
import { run } from '../context';
import { invalidArgument } from '../problems';
import { jsonObject, parse, pathKey } from '../validation';
import { DEFAULT_TENANT } from '../../../protocol/values';

const instruction = z.strictObject({
  elements: z.array(z.strictObject({ elementId: z.string(), variables: jsonObject.nullable().optional() })),
  cancelRemainingInstances: z.boolean().nullable().optional(),
});

/** 8.8's request check (AdHocSubProcessActivityRequestValidator): some elements, none with a blank id. */
function check(body: z.infer<typeof instruction>): void {
  if (body.elements.length === 0) throw invalidArgument('No elements provided.');
  const blank = body.elements.findIndex((e) => e.elementId.trim() === '');
  if (blank >= 0) throw invalidArgument(`No elements[${blank}].elementId provided.`);
}

export const adHocActivityRoutes: RouteModule = (router, ctx) => {
  router.post('/element-instances/ad-hoc-activities/:key/activation', async (req, res) => {
    const k = pathKey(req.params.key, 'adHocSubProcessInstanceKey');
    const body = parse(instruction, req.body);
    check(body);
    await run(
      ctx.engine,
      'AD_HOC_SUB_PROCESS_INSTRUCTION',
      'ACTIVATE',
      {
        adHocSubProcessInstanceKey: String(k),
        activateElements: body.elements.map((e) => ({
          elementId: e.elementId,
          variables: e.variables ?? {},
        })),
        cancelRemainingInstances: body.cancelRemainingInstances ?? false,
        completionConditionFulfilled: false,
        tenantId: DEFAULT_TENANT,
      },
      k,
    );
    res.status(204).end();
  });
};

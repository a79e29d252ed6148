// The DMN part of DEPLOYMENT CREATE: a decision requirements graph (DRG) per file and its
// decisions, versioned as Zeebe versions them (per DRG id and per decision id; an unchanged file
// keeps its keys and versions), written as DECISION_REQUIREMENTS CREATED then DECISION CREATED.
import type { EngineContext } from '../context';
import type { DefinitionsView } from '../../state/definitions';
import type { Key } from '../../protocol/keys';
import type { DecisionRequirementsMetadata, DecisionValue } from '../../protocol/values';
import type { ExecutableDrg } from '../../dmn/types';

export interface DmnResource {
  resourceName: string;
  resource: string;
  checksum: string;
  drg: ExecutableDrg;
}

/** Ids used twice in one deployment, and decisions already deployed as part of another DRG. */
export function decisionProblems(dmn: DmnResource[], definitions: DefinitionsView): string[] {
  const problems: string[] = [];
  const drgIn = new Map<string, string>();
  const decisionIn = new Map<string, string>();
  for (const d of dmn) {
    const other = drgIn.get(d.drg.id);
    if (other !== undefined)
      problems.push(
        `Expected the decision requirements ids to be unique within a deployment but found a duplicated id '${d.drg.id}' in the resources '${other}' and '${d.resourceName}'.`,
      );
    drgIn.set(d.drg.id, d.resourceName);
    for (const id of d.drg.decisions.keys()) {
      const otherFile = decisionIn.get(id);
      if (otherFile !== undefined)
        problems.push(
          `Expected the decision ids to be unique within a deployment but found a duplicated id '${id}' in the resources '${otherFile}' and '${d.resourceName}'.`,
        );
      decisionIn.set(id, d.resourceName);
      const latest = definitions.latestDecision(id);
      if (latest && latest.decisionRequirementsId !== d.drg.id)
        problems.push(
          `'${d.resourceName}': Expected the decision '${id}' to belong to the decision requirements graph '${latest.decisionRequirementsId}' it was deployed with before, but found it in '${d.drg.id}'; rename the decision or deploy it in its former graph.`,
        );
    }
  }
  return problems;
}

export function isDrgChanged(definitions: DefinitionsView, d: DmnResource): boolean {
  const latest = definitions.latestDecisionRequirements(d.drg.id);
  return !latest || latest.checksum !== d.checksum || latest.resourceName !== d.resourceName;
}

export function deployDecisions(
  ctx: EngineContext,
  dmn: DmnResource[],
  changed: boolean,
  deploymentKey: Key,
  tenantId: string,
): { decisionRequirementsMetadata: DecisionRequirementsMetadata[]; decisionsMetadata: DecisionValue[] } {
  const { w, keys, state } = ctx;
  const decisionRequirementsMetadata: DecisionRequirementsMetadata[] = [];
  const decisionsMetadata: DecisionValue[] = [];
  for (const d of dmn) {
    const latest = state.definitions.latestDecisionRequirements(d.drg.id);
    const duplicate = !changed && latest !== undefined;
    const meta: DecisionRequirementsMetadata = {
      decisionRequirementsId: d.drg.id,
      decisionRequirementsName: d.drg.name,
      decisionRequirementsVersion: duplicate
        ? latest.decisionRequirementsVersion
        : state.definitions.nextDecisionRequirementsVersion(d.drg.id),
      decisionRequirementsKey: duplicate ? latest.decisionRequirementsKey : keys.next(),
      namespace: d.drg.namespace,
      resourceName: d.resourceName,
      checksum: d.checksum,
      duplicate,
      tenantId,
    };
    if (!duplicate)
      w.appendEvent(meta.decisionRequirementsKey, 'DECISION_REQUIREMENTS', 'CREATED', {
        ...meta,
        resource: d.resource,
        deploymentKey,
      });
    decisionRequirementsMetadata.push(meta);
    for (const decision of d.drg.decisions.values()) {
      const before = state.definitions.latestDecision(decision.id);
      const value: DecisionValue =
        duplicate && before
          ? { ...before, duplicate: true }
          : {
              decisionId: decision.id,
              decisionName: decision.name,
              version: state.definitions.nextDecisionVersion(decision.id),
              versionTag: decision.versionTag,
              decisionKey: keys.next(),
              decisionRequirementsId: d.drg.id,
              decisionRequirementsKey: meta.decisionRequirementsKey,
              duplicate: false,
              tenantId,
              deploymentKey,
            };
      if (!value.duplicate) w.appendEvent(value.decisionKey, 'DECISION', 'CREATED', value);
      decisionsMetadata.push(value);
    }
  }
  return { decisionRequirementsMetadata, decisionsMetadata };
}

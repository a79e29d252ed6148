// Deployment binding (`bindingType="deployment"`): a call activity or a user task's form bound this
// way must find its target in the same deployment, so the deployment is rejected when it is
// missing — as Zeebe rejects it — rather than failing later with an incident.
import type { ExecutableProcess } from '../../model/types';
import type { ValidationReport } from '../../model/report';

export function checkDeploymentBindings(
  model: ExecutableProcess,
  deployed: { processIds: Set<string>; formIds: Set<string> },
  report: ValidationReport,
): void {
  for (const e of model.elements.values()) {
    const called = e.calledElement;
    if (called?.bindingType === 'deployment' && called.processId.static) {
      const id = called.processId.text;
      if (!deployed.processIds.has(id))
        report.error(
          e.id,
          `Expected to find process with id '${id}' in the same deployment (the call activity has bindingType 'deployment'), but it is not part of it`,
        );
    }
    const task = e.userTask;
    if (task?.formBindingType === 'deployment' && task.formId && !deployed.formIds.has(task.formId)) {
      report.error(
        e.id,
        `Expected to find form with id '${task.formId}' in the same deployment (the user task has bindingType 'deployment'), but it is not part of it`,
      );
    }
  }
}

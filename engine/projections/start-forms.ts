// The start form of a deployed process: the zeebe:formDefinition on its none start event. The
// executable model does not need it, so it is read from the BPMN XML once per definition.
import { extension, list, parseBpmnXml, str } from '../model/parse';

export interface StartForm {
  /** A linked Camunda form (`formId`); null when the start event links none. */
  formId: string | null;
  /** True when the start event names any form (linked, external reference or form key). */
  hasStartForm: boolean;
}

export async function startFormOf(xml: string, processId: string): Promise<StartForm> {
  const none: StartForm = { formId: null, hasStartForm: false };
  let definitions;
  try {
    ({ definitions } = await parseBpmnXml(xml));
  } catch {
    return none;
  }
  const process = list(definitions, 'rootElements').find(
    (e) => e.$type === 'bpmn:Process' && e.id === processId,
  );
  if (!process) return none;
  for (const element of list(process, 'flowElements')) {
    if (element.$type !== 'bpmn:StartEvent' || list(element, 'eventDefinitions').length > 0) continue;
    const form = extension(element, 'zeebe:FormDefinition');
    if (!form) continue;
    const formId = str(form, 'formId') || null;
    return { formId, hasStartForm: !!(formId || str(form, 'externalReference') || str(form, 'formKey')) };
  }
  return none;
}

// The process steps a person recognises on a task's 办理记录: named activities and events, not gateways,
// containers or unnamed elements — and a start event's name once. The models name a start event after what the
// person did (登记信访事项) and the service task that records it the same; listed twice, the item seems to have
// been registered twice.
export interface ElementStep {
  elementId: string;
  name: string;
  type: string;
  state: string;
  startDate: string;
  endDate: string | null;
  hasIncident: boolean;
}

const hidden = /GATEWAY|SEQUENCE_FLOW|^PROCESS$|MULTI_INSTANCE_BODY/;

export function recognisableSteps(items: Record<string, unknown>[]): ElementStep[] {
  const steps: ElementStep[] = [];
  for (const e of items) {
    const name = e.elementName as string | undefined;
    if (hidden.test(String(e.type)) || !name || name === e.elementId) continue;
    const before = steps[steps.length - 1];
    if (before?.type === 'START_EVENT' && before.name === name && e.type !== 'START_EVENT') continue;
    steps.push({
      elementId: String(e.elementId),
      name,
      type: String(e.type),
      state: String(e.state),
      startDate: String(e.startDate),
      endDate: (e.endDate as string | undefined) ?? null,
      hasIncident: (e.hasIncident as boolean | undefined) ?? false,
    });
  }
  return steps;
}

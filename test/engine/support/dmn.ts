// DMN 1.3 sources for engine tests, shaped like Camunda Modeler's output (a diagram shape per
// decision) but written compactly: a decision table from rows of cells, or a literal expression.
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export interface TableSpec {
  id: string;
  name?: string;
  hitPolicy?: string;
  aggregation?: string;
  /** Input expressions (FEEL). */
  inputs: string[];
  /** Output names; `values` lists the allowed values in priority order. */
  outputs: { name: string; values?: string }[];
  /** Per rule: input entries (unary tests) then output entries (expressions). */
  rules: string[][];
  requires?: string[];
}

export function table(spec: TableSpec): string {
  const attrs = [
    spec.hitPolicy ? ` hitPolicy="${spec.hitPolicy}"` : '',
    spec.aggregation ? ` aggregation="${spec.aggregation}"` : '',
  ].join('');
  const inputs = spec.inputs
    .map(
      (e, i) =>
        `<input id="${spec.id}_in${i}"><inputExpression id="${spec.id}_ie${i}"><text>${esc(e)}</text></inputExpression></input>`,
    )
    .join('');
  const outputs = spec.outputs
    .map(
      (o, i) =>
        `<output id="${spec.id}_out${i}" name="${o.name}">${o.values ? `<outputValues id="${spec.id}_ov${i}"><text>${esc(o.values)}</text></outputValues>` : ''}</output>`,
    )
    .join('');
  const rules = spec.rules
    .map((cells, r) => {
      const ins = cells
        .slice(0, spec.inputs.length)
        .map((c, i) => `<inputEntry id="${spec.id}_r${r}_i${i}"><text>${esc(c)}</text></inputEntry>`);
      const outs = cells
        .slice(spec.inputs.length)
        .map((c, i) => `<outputEntry id="${spec.id}_r${r}_o${i}"><text>${esc(c)}</text></outputEntry>`);
      return `<rule id="${spec.id}_rule${r}">${ins.join('')}${outs.join('')}</rule>`;
    })
    .join('');
  return `<decision id="${spec.id}" name="${spec.name ?? spec.id}">${requirements(spec.requires)}<decisionTable id="${spec.id}_table"${attrs}>${inputs}${outputs}${rules}</decisionTable></decision>`;
}

export function literal(id: string, expression: string, requires?: string[]): string {
  return `<decision id="${id}" name="${id}"><variable id="${id}_var" name="${id}" />${requirements(requires)}<literalExpression id="${id}_expr"><text>${esc(expression)}</text></literalExpression></decision>`;
}

function requirements(ids: string[] = []): string {
  return ids
    .map(
      (r, i) =>
        `<informationRequirement id="req_${r}_${i}"><requiredDecision href="#${r}" /></informationRequirement>`,
    )
    .join('');
}

export function dmn(id: string, ...decisions: string[]): string {
  const shapes = decisions
    .map((d, i) => {
      const decisionId = /<decision id="([^"]+)"/.exec(d)![1];
      return `<dmndi:DMNShape id="shape_${decisionId}" dmnElementRef="${decisionId}"><dc:Bounds height="80" width="180" x="${160 + i * 220}" y="100" /></dmndi:DMNShape>`;
    })
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" xmlns:dmndi="https://www.omg.org/spec/DMN/20191111/DMNDI/" xmlns:dc="http://www.omg.org/spec/DMN/20180521/DC/" id="${id}" name="${id}" namespace="http://camunda.org/schema/1.0/dmn" exporter="Camunda Modeler" exporterVersion="5.31.0">
${decisions.join('\n')}
<dmndi:DMNDI><dmndi:DMNDiagram id="diagram_${id}">${shapes}</dmndi:DMNDiagram></dmndi:DMNDI>
</definitions>`;
}

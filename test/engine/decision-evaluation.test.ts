// Conformance: EvaluateDecision through the real gRPC port with @camunda8/sdk (and REST
// /v2/decision-definitions/evaluation with the typed 8.8 client) — every hit policy with known
// results, literal expressions, required decisions evaluated first with their results visible
// under their variable names, evaluation failures named by decision, and the DECISION_EVALUATION
// records Zeebe writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dmn, literal, table, type TableSpec } from './support/dmn';
import { engineForEachTest } from './support/harness';
import { startRestEngine } from './rest/support/rest-harness';

const t = engineForEachTest();
const priorityDmn = readFileSync(join(__dirname, 'fixtures', 'rectification-priority.dmn'), 'utf8');

async function deployTable(spec: TableSpec) {
  await t.zeebe.deployResources([
    { decision: Buffer.from(dmn(`drg-${spec.id}`, table(spec))), name: `${spec.id}.dmn` },
  ]);
}
async function evaluate(decisionId: string, variables: Record<string, unknown>) {
  return t.zeebe.evaluateDecision({ decisionId, variables: variables as never });
}
const output = async (decisionId: string, variables: Record<string, unknown>) => {
  const r = await evaluate(decisionId, variables);
  expect(r.failureMessage).toBe('');
  return JSON.parse(r.decisionOutput) as unknown;
};
const matched = async (decisionId: string, variables: Record<string, unknown>) => {
  const r = await evaluate(decisionId, variables);
  return r.evaluatedDecisions.at(-1)!.matchedRules.map((m) => m.ruleIndex);
};

// Fees by amount: rules 1 and 2 overlap for amounts 100..200, rule 3 matches everything.
const fees = (hitPolicy: string, aggregation?: string): TableSpec => ({
  id: `fee_${hitPolicy.replace(' ', '_')}${aggregation ?? ''}`,
  hitPolicy,
  aggregation,
  inputs: ['amount'],
  outputs: [{ name: 'fee' }],
  rules: [
    ['>= 100', '10'],
    ['[50..200]', '5'],
    ['-', '1'],
  ],
});

describe('hit policies', () => {
  it('UNIQUE: the one matching rule, null when none matches, a failure naming the rules when several do', async () => {
    await deployTable({
      id: 'level',
      inputs: ['score'],
      outputs: [{ name: 'level' }],
      rules: [
        ['< 60', '"不合格"'],
        ['[60..90)', '"合格"'],
        ['[85..100]', '"优秀"'],
      ],
    });
    expect(await output('level', { score: 40 })).toBe('不合格');
    expect(await output('level', { score: 95 })).toBe('优秀');
    expect(await output('level', { score: 120 })).toBeNull();
    const failed = await evaluate('level', { score: 88 });
    expect(failed.failedDecisionId).toBe('level');
    expect(failed.failureMessage).toMatch(
      /hit policy UNIQUE expects at most one matching rule, but 2 matched: 'level_rule1', 'level_rule2'/,
    );
    expect(failed.decisionOutput).toBe('null');
  });

  it('FIRST: the first matching rule in table order', async () => {
    await deployTable(fees('FIRST'));
    expect(await output('fee_FIRST', { amount: 150 })).toBe(10);
    expect(await output('fee_FIRST', { amount: 60 })).toBe(5);
    expect(await output('fee_FIRST', { amount: 10 })).toBe(1);
    expect(await matched('fee_FIRST', { amount: 150 })).toEqual([1]);
  });

  it('PRIORITY: the matching rule whose output comes first in the output values', async () => {
    await deployTable({
      id: 'urgency',
      hitPolicy: 'PRIORITY',
      inputs: ['overdueDays', 'category'],
      outputs: [{ name: 'urgency', values: '"紧急","较急","一般"' }],
      rules: [
        ['-', '-', '"一般"'],
        ['> 30', '-', '"较急"'],
        ['-', '"安全生产"', '"紧急"'],
      ],
    });
    expect(await output('urgency', { overdueDays: 45, category: '安全生产' })).toBe('紧急');
    expect(await output('urgency', { overdueDays: 45, category: '环境' })).toBe('较急');
    expect(await output('urgency', { overdueDays: 3, category: '环境' })).toBe('一般');
    expect(await matched('urgency', { overdueDays: 45, category: '安全生产' })).toEqual([3]);
  });

  it('ANY: the output the matching rules agree on; a failure when they disagree', async () => {
    await deployTable({
      id: 'eligible',
      hitPolicy: 'ANY',
      inputs: ['age', 'resident'],
      outputs: [{ name: 'eligible' }],
      rules: [
        ['>= 60', '-', 'true'],
        ['-', 'true', 'true'],
        ['< 18', '-', 'false'],
      ],
    });
    expect(await output('eligible', { age: 70, resident: true })).toBe(true);
    expect(await output('eligible', { age: 10, resident: false })).toBe(false);
    const failed = await evaluate('eligible', { age: 10, resident: true });
    expect(failed.failedDecisionId).toBe('eligible');
    expect(failed.failureMessage).toMatch(
      /hit policy ANY expects the matching rules to have equal outputs, but found true and false|false and true/,
    );
  });

  it('COLLECT: the outputs of all matching rules in rule order, as a list', async () => {
    await deployTable(fees('COLLECT'));
    expect(await output('fee_COLLECT', { amount: 150 })).toEqual([10, 5, 1]);
    expect(await output('fee_COLLECT', { amount: 10 })).toEqual([1]);
  });

  it('COLLECT with SUM, MIN, MAX and COUNT: the aggregate of the matching outputs', async () => {
    for (const aggregation of ['SUM', 'MIN', 'MAX', 'COUNT']) await deployTable(fees('COLLECT', aggregation));
    expect(await output('fee_COLLECTSUM', { amount: 150 })).toBe(16);
    expect(await output('fee_COLLECTMIN', { amount: 150 })).toBe(1);
    expect(await output('fee_COLLECTMAX', { amount: 150 })).toBe(10);
    expect(await output('fee_COLLECTCOUNT', { amount: 150 })).toBe(3);
    expect(await output('fee_COLLECTSUM', { amount: 60 })).toBe(6);
    expect(await output('fee_COLLECTCOUNT', { amount: 10 })).toBe(1);
    expect(await matched('fee_COLLECTSUM', { amount: 150 })).toEqual([1, 2, 3]);
  });

  it('RULE ORDER: all matching outputs in rule order; several outputs become contexts', async () => {
    await deployTable({
      id: 'actions',
      hitPolicy: 'RULE ORDER',
      inputs: ['amount'],
      outputs: [{ name: 'step' }, { name: 'days' }],
      rules: [
        ['> 100', '"审批"', '3'],
        ['> 10', '"登记"', '1'],
        ['> 1000', '"上报"', '5'],
      ],
    });
    expect(await output('actions', { amount: 5000 })).toEqual([
      { step: '审批', days: 3 },
      { step: '登记', days: 1 },
      { step: '上报', days: 5 },
    ]);
    expect(await output('actions', { amount: 50 })).toEqual([{ step: '登记', days: 1 }]);
    expect(await output('actions', { amount: 1 })).toEqual([]);
  });

  it('OUTPUT ORDER: all matching outputs ordered by the output values', async () => {
    await deployTable({
      id: 'notify',
      hitPolicy: 'OUTPUT ORDER',
      inputs: ['overdueDays'],
      outputs: [{ name: 'who', values: '"区领导","专班办公室","责任单位"' }],
      rules: [
        ['> 0', '"责任单位"'],
        ['> 30', '"区领导"'],
        ['> 7', '"专班办公室"'],
      ],
    });
    expect(await output('notify', { overdueDays: 40 })).toEqual(['区领导', '专班办公室', '责任单位']);
    expect(await output('notify', { overdueDays: 10 })).toEqual(['专班办公室', '责任单位']);
    expect(await matched('notify', { overdueDays: 40 })).toEqual([2, 3, 1]);
  });
});

describe('decision requirements graphs and the evaluation record', () => {
  it('evaluates the required decision first and reports both, with inputs, matched rules and outputs', async () => {
    const d = await t.zeebe.deployResources([
      { decision: Buffer.from(priorityDmn), name: 'rectification-priority.dmn' },
    ]);
    const keys: Record<string, string> = {};
    for (const x of d.deployments as { decision?: { dmnDecisionId: string; decisionKey: string } }[])
      if (x.decision) keys[x.decision.dmnDecisionId] = x.decision.decisionKey;
    const r = await evaluate('priority', { category: '环境卫生', daysOpen: 45 });
    expect(JSON.parse(r.decisionOutput)).toBe('中');
    expect(r).toMatchObject({
      decisionId: 'priority',
      decisionName: '整改优先级',
      decisionVersion: 1,
      decisionKey: keys.priority,
      decisionRequirementsId: 'rectification-priority',
      failedDecisionId: '',
      failureMessage: '',
      tenantId: '<default>',
    });
    expect(
      r.evaluatedDecisions.map((e) => [e.decisionId, e.decisionType, e.decisionOutput, e.decisionKey]),
    ).toEqual([
      ['overdue', 'LITERAL_EXPRESSION', 'true', keys.overdue],
      ['priority', 'DECISION_TABLE', '"中"', keys.priority],
    ]);
    const table = r.evaluatedDecisions[1];
    expect(table.evaluatedInputs).toEqual([
      { inputId: 'Input_1', inputName: '问题类别', inputValue: '"环境卫生"' },
      { inputId: 'InputClause_0p5y8dt', inputName: '是否逾期', inputValue: 'true' },
    ]);
    expect(table.matchedRules).toEqual([
      {
        ruleId: 'DecisionRule_overdue',
        ruleIndex: 2,
        evaluatedOutputs: [{ outputId: 'Output_1', outputName: 'priority', outputValue: '"中"' }],
      },
    ]);
    const [record] = t.records.events('DECISION_EVALUATION', 'EVALUATED');
    expect(record.key).toBe(Number((r as unknown as { decisionInstanceKey: string }).decisionInstanceKey));
    expect(record.value).toMatchObject({
      decisionId: 'priority',
      decisionOutput: '"中"',
      variables: { category: '环境卫生', daysOpen: 45 },
      processInstanceKey: -1,
    });
    expect(await output('priority', { category: '安全生产', daysOpen: 1 })).toBe('高');
  });

  it('evaluates a decision by key (an older version) and reports a failure with the decision that failed', async () => {
    const first = await t.zeebe.deployResources([
      {
        decision: Buffer.from(
          dmn('calc', literal('base', 'amount * 2'), literal('total', 'base + 1', ['base'])),
        ),
        name: 'calc.dmn',
      },
    ]);
    await t.zeebe.deployResources([
      {
        decision: Buffer.from(
          dmn(
            'calc',
            literal('base', 'assert(amount, amount != null) * 3'),
            literal('total', 'base + 1', ['base']),
          ),
        ),
        name: 'calc.dmn',
      },
    ]);
    const v1 = (first.deployments as { decision?: { dmnDecisionId: string; decisionKey: string } }[]).find(
      (x) => x.decision?.dmnDecisionId === 'total',
    )!.decision!;
    const byKey = await t.zeebe.evaluateDecision({ decisionKey: v1.decisionKey, variables: { amount: 10 } });
    expect(byKey).toMatchObject({ decisionVersion: 1, decisionOutput: '21' });
    expect(await output('total', { amount: 10 })).toBe(31);

    const failed = await evaluate('total', {});
    expect(failed.decisionOutput).toBe('null');
    expect(failed.evaluatedDecisions.map((e) => e.decisionId)).toEqual(['base']);
    expect(failed.failedDecisionId).toBe('base');
    expect(failed.failureMessage).toMatch(
      /Expected to evaluate decision 'total', but failed to evaluate decision 'base'/,
    );
    const last = t.records.events('DECISION_EVALUATION').at(-1)!;
    expect(last.intent).toBe('FAILED');
    expect(last.value.failedDecisionId).toBe('base');
  });

  it('rejects an unknown decision id or key with NOT_FOUND', async () => {
    await expect(evaluate('nothing', {})).rejects.toThrow(/NOT_FOUND.*no decision found for id 'nothing'/s);
    await expect(
      t.zeebe.evaluateDecision({ decisionKey: '2251799813685999', variables: {} }),
    ).rejects.toThrow(/NOT_FOUND/);
  });
});

describe('REST /v2/decision-definitions/evaluation', () => {
  // Camunda answers a successful evaluation with failedDecisionDefinitionId "", which the typed 8.8
  // client's response schema (an id of at least one character) refuses; so success is read raw and
  // the typed client checks the shape of a failed evaluation, where every field is filled.
  it('evaluates by id and by key, reports a failure through the typed client, and answers a missing decision with 404', async () => {
    const r = await startRestEngine();
    try {
      await r.deploy({ name: 'rectification-priority.dmn', content: priorityDmn });
      const byId = await r.http('POST', '/v2/decision-definitions/evaluation', {
        decisionDefinitionId: 'priority',
        variables: { category: '环境卫生', daysOpen: 3 },
      });
      expect(byId.status).toBe(200);
      const result = byId.json as Record<string, unknown> & {
        evaluatedDecisions: { decisionDefinitionId: string; matchedRules: { ruleId: string }[] }[];
      };
      expect(result).toMatchObject({
        decisionDefinitionId: 'priority',
        decisionDefinitionName: '整改优先级',
        decisionDefinitionVersion: 1,
        decisionRequirementsId: 'rectification-priority',
        output: '"低"',
        failedDecisionDefinitionId: '',
        failureMessage: '',
        tenantId: '<default>',
      });
      expect(result.decisionEvaluationKey).toMatch(/^\d+$/);
      expect(result.evaluatedDecisions.map((e) => e.decisionDefinitionId)).toEqual(['overdue', 'priority']);
      expect(result.evaluatedDecisions[1].matchedRules[0].ruleId).toBe('DecisionRule_other');
      const byKey = await r.http('POST', '/v2/decision-definitions/evaluation', {
        decisionDefinitionKey: result.decisionDefinitionKey,
        variables: { category: '安全生产' },
      });
      expect(byKey.json.output).toBe('"高"');

      await r.deploy({
        name: 'clash.dmn',
        content: dmn(
          'clash-drg',
          table({
            id: 'clash',
            inputs: ['x'],
            outputs: [{ name: 'y' }],
            rules: [
              ['> 1', '1'],
              ['> 2', '2'],
            ],
          }),
        ),
      });
      const failed = await r.api.evaluateDecision({
        decisionDefinitionId: 'clash',
        variables: { x: 5 },
      } as never);
      expect(failed).toMatchObject({ failedDecisionDefinitionId: 'clash', output: 'null' });
      expect(failed.failureMessage).toMatch(/hit policy UNIQUE expects at most one matching rule/);

      const missing = await r.http('POST', '/v2/decision-definitions/evaluation', {
        decisionDefinitionId: 'none',
      });
      expect(missing.status).toBe(404);
      const both = await r.http('POST', '/v2/decision-definitions/evaluation', {
        decisionDefinitionId: 'priority',
        decisionDefinitionKey: result.decisionDefinitionKey,
      });
      expect(both.status).toBe(400);
      expect(both.text).toMatch(/exactly one of decisionDefinitionId and decisionDefinitionKey/);
    } finally {
      await r.close();
    }
  });
});

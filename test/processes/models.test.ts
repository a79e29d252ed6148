// The BPMN models in processes/ and their forms: they pass the Camunda Modeler's linter for Camunda 8.8,
// draw cleanly (diagram interchange for everything, nothing overlapping), link forms that exist, name their
// job types by convention, and deploy to the real engine — idempotently, so a redeploy creates no versions.
import { Linter } from '@camunda/linting';
import type { ModdleElement } from 'bpmn-moddle';
import { startEngineServer, type EngineServer } from '../../engine/server';
import { diagramProblems } from './support/diagram';
import { deployAll, sdkClient } from './support/engine';
import {
  extension,
  flowElements,
  formFields,
  formFiles,
  list,
  modelFiles,
  parseModel,
  processOf,
} from './support/models';

const expectedIds = ['case-coordination', 'major-matter', 'petition-reply', 'rectification', 'weekly-report'];
const cjk = /[\u4e00-\u9fff]/;

const models = modelFiles();
const forms = formFiles();
const formIds = new Set(forms.map((f) => String(f.schema.id)));

describe('the process models', () => {
  it('are the five processes, one per file named after its process id', async () => {
    const ids: string[] = [];
    for (const m of models) {
      const { rootElement } = await parseModel(m.xml);
      const process = processOf(rootElement);
      expect(m.name).toBe(`${process.id}.bpmn`);
      expect(process.isExecutable).toBe(true);
      ids.push(process.id!);
    }
    expect(ids).toEqual(expectedIds);
  });

  it.each(models.map((m) => [m.name, m]))(
    '%s parses without warnings and targets Camunda 8.8',
    async (_, m) => {
      const { rootElement, warnings } = await parseModel(m.xml);
      expect(warnings.map((w) => w.message)).toEqual([]);
      expect(processOf(rootElement).id).toBe(m.name.replace(/\.bpmn$/, ''));
      expect(m.xml).toContain('modeler:executionPlatform="Camunda Cloud"');
      expect(m.xml).toContain('modeler:executionPlatformVersion="8.8.0"');
    },
  );

  it.each(models.map((m) => [m.name, m]))('%s passes @camunda/linting for Camunda 8.8', async (_, m) => {
    const reports = await new Linter({ modeler: 'desktop', type: 'cloud' }).lint(m.xml);
    expect(reports.map((r) => `${r.category} ${r.rule} ${r.id}: ${r.message}`)).toEqual([]);
  });

  it.each(models.map((m) => [m.name, m]))(
    '%s has diagram interchange for every element, with no overlapping shapes or labels',
    async (_, m) => {
      const { rootElement } = await parseModel(m.xml);
      expect(diagramProblems(rootElement)).toEqual([]);
    },
  );

  it.each(models.map((m) => [m.name, m]))(
    '%s names what users read in Chinese and identifies everything in English',
    async (_, m) => {
      const { rootElement } = await parseModel(m.xml);
      const process = processOf(rootElement);
      const problems: string[] = [];
      if (!cjk.test(String(process.name))) problems.push(`process ${process.id} has no Chinese name`);
      for (const e of flowElements(process)) {
        if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(e.id!)) problems.push(`${e.id}: id is not an English identifier`);
        if (e.$type === 'bpmn:SequenceFlow') continue;
        const isMerge =
          e.$type.endsWith('Gateway') && list(e, 'outgoing').length === 1 && list(e, 'incoming').length > 1;
        const isEventGateway = e.$type === 'bpmn:EventBasedGateway';
        if (!isMerge && !isEventGateway && !cjk.test(String(e.name ?? '')))
          problems.push(`${e.id}: needs a Chinese name`);
      }
      for (const e of flowElements(process).filter((e) => e.$type === 'bpmn:SequenceFlow')) {
        const source = e.sourceRef as ModdleElement;
        if (
          source.$type === 'bpmn:ExclusiveGateway' &&
          list(source, 'outgoing').length > 1 &&
          !cjk.test(String(e.name ?? ''))
        )
          problems.push(`${e.id}: a gateway's outcome needs a Chinese name`);
      }
      expect(problems).toEqual([]);
    },
  );

  it.each(models.map((m) => [m.name, m]))(
    '%s: service tasks have zhuanban.<area>.<action> job types; user tasks are Camunda user tasks with a form and candidate groups',
    async (_, m) => {
      const { rootElement } = await parseModel(m.xml);
      const problems: string[] = [];
      for (const e of flowElements(processOf(rootElement))) {
        if (e.$type === 'bpmn:ServiceTask') {
          const type = extension(e, 'zeebe:TaskDefinition')?.type as string | undefined;
          if (!type || !/^zhuanban\.[a-z]+\.[a-z][A-Za-z]+$/.test(type))
            problems.push(`${e.id}: job type '${type}'`);
        }
        if (e.$type === 'bpmn:UserTask') {
          if (!extension(e, 'zeebe:UserTask')) problems.push(`${e.id}: not a Camunda user task`);
          const formId = extension(e, 'zeebe:FormDefinition')?.formId as string | undefined;
          if (!formId || !formIds.has(formId)) problems.push(`${e.id}: form '${formId}' does not exist`);
          const groups = extension(e, 'zeebe:AssignmentDefinition')?.candidateGroups as string | undefined;
          if (!groups || !(/^=\[[a-zA-Z]+\]$/.test(groups) || ['coordinators', 'leaders'].includes(groups)))
            problems.push(`${e.id}: candidate groups '${groups}'`);
          const headers = list(extension(e, 'zeebe:TaskHeaders'), 'values');
          const role = headers.find((h) => h.key === 'role')?.value;
          if (!['unit-user', 'unit-lead', 'coordinator', 'leader'].includes(String(role)))
            problems.push(`${e.id}: role header '${role}'`);
        }
        if (
          e.$type === 'bpmn:StartEvent' &&
          list(e, 'eventDefinitions').length === 0 &&
          e.$parent?.$type === 'bpmn:Process'
        ) {
          const formId = extension(e, 'zeebe:FormDefinition')?.formId as string | undefined;
          if (!formId || !formIds.has(formId))
            problems.push(`${e.id}: start form '${formId}' does not exist`);
        }
        if (e.$type === 'bpmn:BoundaryEvent' || e.$type === 'bpmn:IntermediateCatchEvent') {
          const timer = list(e, 'eventDefinitions').find((d) => d.$type === 'bpmn:TimerEventDefinition');
          const value =
            timer &&
            String(((timer.timeDate ?? timer.timeDuration ?? timer.timeCycle) as ModdleElement).body);
          if (timer && !value?.startsWith('=')) problems.push(`${e.id}: timer '${value}' is hard-coded`);
        }
      }
      expect(problems).toEqual([]);
    },
  );
});

describe('the forms', () => {
  const linked = new Set<string>();
  beforeAll(async () => {
    for (const m of models) {
      const { rootElement } = await parseModel(m.xml);
      for (const e of flowElements(processOf(rootElement))) {
        const formId = extension(e, 'zeebe:FormDefinition')?.formId as string | undefined;
        if (formId) linked.add(formId);
      }
    }
  });

  it('are each linked from a user task or start event, except the message forms the web app shows', () => {
    const messageForms = ['meeting-reschedule', 'petition-extension-request'];
    expect([...formIds].filter((id) => !linked.has(id)).sort()).toEqual(messageForms);
  });

  it.each(forms.map((f) => [f.name, f]))(
    '%s is a form-js schema for Camunda 8.8 named after its file',
    (_, f) => {
      expect(f.schema.type).toBe('default');
      expect(`${f.schema.id}.form`).toBe(f.name);
      expect(f.schema.schemaVersion).toBe(19);
      expect(f.schema.executionPlatform).toBe('Camunda Cloud');
      expect(f.schema.executionPlatformVersion).toBe('8.8.0');
      expect(f.schema.components?.length).toBeGreaterThan(0);
    },
  );

  it.each(forms.map((f) => [f.name, f]))(
    '%s has unique component ids and field keys, Chinese labels and valid validation',
    (_, f) => {
      const fields = formFields(f.schema);
      const problems: string[] = [];
      const ids = new Set<string>();
      const paths = new Set<string>();
      const inputTypes = [
        'textfield',
        'textarea',
        'number',
        'datetime',
        'select',
        'radio',
        'checkbox',
        'checklist',
        'taglist',
        'filepicker',
      ];
      for (const { component: c, path } of fields) {
        if (!c.id) problems.push(`${c.type} without id`);
        else if (ids.has(c.id)) problems.push(`duplicate id ${c.id}`);
        else ids.add(c.id);
        if (inputTypes.includes(c.type)) {
          if (!c.key) problems.push(`${c.id}: input without key`);
          if (paths.has(path)) problems.push(`${c.id}: duplicate key path ${path}`);
          paths.add(path);
          if (!cjk.test(String(c.label ?? c.dateLabel ?? '')))
            problems.push(`${c.id}: label must be Chinese`);
        }
        if ((c.type === 'group' || c.type === 'dynamiclist') && !cjk.test(String(c.label ?? '')))
          problems.push(`${c.id}: label must be Chinese`);
        const v = c.validate ?? {};
        if (v.pattern !== undefined) {
          try {
            new RegExp(String(v.pattern));
          } catch {
            problems.push(`${c.id}: invalid pattern`);
          }
          if (!cjk.test(String(v.patternErrorMessage ?? '')))
            problems.push(`${c.id}: pattern without a Chinese message`);
        }
        if (v.min !== undefined && v.max !== undefined && Number(v.min) > Number(v.max))
          problems.push(`${c.id}: min > max`);
        const hide = (c.conditional as { hide?: string } | undefined)?.hide;
        if (hide !== undefined && !hide.startsWith('='))
          problems.push(`${c.id}: conditional must be a FEEL expression`);
        if (c.type === 'select' || c.type === 'radio' || c.type === 'checklist') {
          const values = c.values as { label: string; value: string }[] | undefined;
          if (!c.valuesKey && !c.valuesExpression && !values?.length) problems.push(`${c.id}: no options`);
          for (const o of values ?? [])
            if (!cjk.test(o.label)) problems.push(`${c.id}: option ${o.value} needs a Chinese label`);
        }
      }
      expect(problems).toEqual([]);
      expect(fields.some(({ component }) => component.validate?.required === true)).toBe(true);
    },
  );

  it.each(forms.map((f) => [f.name, f]))(
    '%s names a list row’s own fields as `this.<key>` in its conditions (form-js does not bind them bare)',
    (_, f) => {
      const bare: string[] = [];
      for (const { component: list } of formFields(f.schema)) {
        if (list.type !== 'dynamiclist') continue;
        const keys = (list.components ?? []).flatMap((c) => (c.key ? [c.key] : []));
        for (const c of list.components ?? []) {
          const hide = (c.conditional as { hide?: string } | undefined)?.hide ?? '';
          for (const k of keys) if (new RegExp(`(?<![.\\w])${k}\\b`).test(hide)) bare.push(`${c.id}: ${k}`);
        }
      }
      expect(bare).toEqual([]);
    },
  );

  it('state the legal boundary on the meeting minutes and record tasks, not outcomes', () => {
    const minutes = forms.find((f) => f.schema.id === 'meeting-minutes')!;
    const text = formFields(minutes.schema)
      .map(({ component }) => `${component.text ?? ''} ${component.label ?? ''}`)
      .join('\n');
    expect(text).toMatch(/不得.*(证据|事实)/);
    expect(text).toMatch(/裁判|判决/);
    const keys = formFields(minutes.schema).map(({ path }) => path);
    expect(keys).toEqual(
      expect.arrayContaining(['agreedItems.description', 'agreedItems.leadUnitCode', 'agreedItems.dueDate']),
    );
    expect(keys.filter((k) => /verdict|finding|fact|evidence|outcome/i.test(k))).toEqual([]);
  });
});

describe('deploying the models to the engine', () => {
  let server: EngineServer;
  beforeAll(async () => {
    server = await startEngineServer({ dataDir: ':memory:', grpcPort: 0, sync: 'off' });
  });
  afterAll(async () => {
    await server.close();
  });

  it('deploys every model and form without validation errors, and a redeploy of unchanged files creates no new versions', async () => {
    const zeebe = sdkClient(server);
    try {
      const first = await deployAll(zeebe);
      expect(first.processes.map((p) => [p.bpmnProcessId, p.version]).sort()).toEqual(
        expectedIds.map((id) => [id, 1]),
      );
      expect(first.forms.map((f) => f.formId).sort()).toEqual([...formIds].sort());
      const again = await deployAll(zeebe);
      expect(again.processes).toEqual(first.processes);
      expect(again.forms).toEqual(first.forms);
    } finally {
      await zeebe.close();
    }
  });
});

// Evaluates a timer definition to its first due date and repetition count (-1 = forever), and a
// cycle that fired to its next due date.
import type { ExpressionEvaluator, Result } from '../feel/expression';
import type { VariableLookup } from '../feel/feel';
import type { TimerDefinition } from '../model/types';
import {
  addDuration,
  firstCycleDue,
  nextCycleDue,
  parseCycle,
  parseIsoDate,
  parseIsoDuration,
} from '../model/timer-values';

export function evaluateTimer(
  expressions: ExpressionEvaluator,
  timer: TimerDefinition,
  lookup: VariableLookup,
  now: number,
): Result<{ dueDate: number; repetitions: number }> {
  const r = expressions.evaluate(timer.expression, lookup);
  if (!r.ok) return r;
  if (typeof r.value !== 'string') {
    return {
      ok: false,
      message: `Expected result of the expression '${timer.expression.static ? timer.expression.text : timer.expression.feel.source}' to be one of '[DURATION, PERIOD, STRING]' (or DATE_TIME / STRING for a date), but was '${r.value === null ? 'NULL' : typeof r.value}'.${r.warnings ?? ''}`,
    };
  }
  if (timer.kind === 'date') {
    const d = parseIsoDate(r.value);
    return d.ok ? { ok: true, value: { dueDate: d.value, repetitions: 1 } } : d;
  }
  if (timer.kind === 'duration') {
    const d = parseIsoDuration(r.value);
    return d.ok ? { ok: true, value: { dueDate: addDuration(now, d.value), repetitions: 1 } } : d;
  }
  const c = parseCycle(r.value);
  if (!c.ok) return c;
  const repetitions = c.value.kind === 'cron' ? -1 : c.value.repetitions;
  return { ok: true, value: { dueDate: firstCycleDue(c.value, now), repetitions } };
}

/** The next due date of a cycle that fell due at `previousDue`; undefined when it no longer evaluates to one. */
export function nextCycleTimerDue(
  expressions: ExpressionEvaluator,
  timer: TimerDefinition,
  lookup: VariableLookup,
  previousDue: number,
  now: number,
): number | undefined {
  const r = expressions.evaluate(timer.expression, lookup);
  if (!r.ok || typeof r.value !== 'string') return undefined;
  const c = parseCycle(r.value);
  return c.ok ? nextCycleDue(c.value, previousDue, now) : undefined;
}

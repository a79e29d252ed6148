// Errors of the REST API as RFC 9457 problem details (application/problem+json) with the status
// and title Camunda uses (ZEEBE-SEMANTICS §13.2): engine rejections keep their type as title and
// Zeebe's message as detail; request problems name the property at fault.
import type { Response } from 'express';
import type { z } from 'zod';
import type { RejectionType } from '../../protocol/record';
import { httpStatus, rejectionMessage } from '../rejections';

export class Problem extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    readonly detail: string,
  ) {
    super(detail);
  }
}

export function invalidArgument(detail: string): Problem {
  return new Problem(400, 'INVALID_ARGUMENT', detail);
}

export function notFound(detail: string): Problem {
  return new Problem(404, 'NOT_FOUND', detail);
}

export function rejection(intent: string, type: RejectionType, reason: string): Problem {
  return new Problem(httpStatus(type), type, rejectionMessage(intent, type, reason));
}

export function sendProblem(res: Response, instance: string, p: Problem): void {
  if (res.headersSent) return;
  res
    .status(p.status)
    .type('application/problem+json')
    .send(
      JSON.stringify({ type: 'about:blank', title: p.title, status: p.status, detail: p.detail, instance }),
    );
}

type Issue = z.core.$ZodIssue;
type PathItem = PropertyKey;

function pathText(path: readonly PathItem[]): string {
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : `${out ? '.' : ''}${String(p)}`;
  return out;
}

/** One sentence per problem, each naming the request property concerned. */
function describe(issue: Issue, prefix: readonly PathItem[]): string[] {
  const path = [...prefix, ...issue.path];
  const name = pathText(path);
  const subject = name ? `Request property '${name}'` : 'The request body';
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map(
        (k) => `Request property '${pathText([...path, k])}' is unknown; remove it or check its spelling`,
      );
    case 'invalid_union': {
      // Pick the alternative the value was meant as: the one that did not fail on its type at the top.
      const meant = issue.errors.find(
        (branch) => !branch.some((i) => i.path.length === 0 && i.code === 'invalid_type'),
      );
      if (meant) return meant.flatMap((i) => describe(i, path));
      const expected = issue.errors.flatMap((b) =>
        b
          .filter((i) => i.code === 'invalid_type' && i.path.length === 0)
          .map((i) => (i as { expected: string }).expected),
      );
      return [`${subject} is invalid: expected ${[...new Set(expected)].join(' or ')}`];
    }
    case 'invalid_type':
      if (/received undefined$/.test(issue.message)) return [`${subject} is required`];
      return [`${subject} is invalid: ${issue.message.replace(/^Invalid input: /, '')}`];
    default:
      return [`${subject} is invalid: ${issue.message}`];
  }
}

export function validationProblem(error: z.ZodError): Problem {
  const messages = error.issues.flatMap((i) => describe(i, []));
  return invalidArgument([...new Set(messages)].join('; '));
}

// What a password must be (OWASP ASVS level 2): at least 12 characters, not the username, and not
// easy to guess — zxcvbn's estimate over its common-password, name and keyboard-pattern dictionaries must reach
// "safely unguessable" (score 3). One zod refinement for every place a password is set.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import { z } from 'zod';
import { minPasswordLength } from './password';

const maxPasswordLength = 200;
let zxcvbn: ZxcvbnFactory | undefined;
const estimator = () => (zxcvbn ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs }));

/** Why a password is refused, in Chinese, or undefined when it is acceptable. */
export function passwordProblem(password: string, username?: string): string | undefined {
  if (password.length < minPasswordLength) return `密码至少${minPasswordLength}位`;
  if (password.length > maxPasswordLength) return '密码过长';
  if (username && password.trim().toLowerCase() === username.toLowerCase()) return '密码不能与用户名相同';
  const userInputs = username ? [username, ...username.split(/[._-]/)] : [];
  if (estimator().check(password, userInputs).score < 3)
    return '密码过于常见或容易猜到：请用更长的短语，混合字母、数字和符号';
  return undefined;
}

/** A zod string that must satisfy the policy (the username, where known, is checked by the caller). */
export const acceptablePassword = z
  .string()
  .max(maxPasswordLength, '密码过长')
  .superRefine((value, ctx) => {
    const problem = passwordProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

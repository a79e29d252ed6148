// The form-js schemas of processes/forms read from the repository, for forms the engine does not hand out with a
// task: the 补报 (its task is gone) and the message forms (a message, not a task, carries what they submit).
import fs from 'node:fs';
import path from 'node:path';
import { findProcessesDir } from '../../../cli/system/deploy';
import { readFormSchema, type FormSchema } from './form-schema';

const cache = new Map<string, FormSchema>();

export function repoForm(formId: string): FormSchema {
  const known = cache.get(formId);
  if (known) return known;
  const file = path.join(findProcessesDir(__dirname), 'forms', `${formId}.form`);
  const schema = readFormSchema(fs.readFileSync(file, 'utf8'));
  if (!schema) throw new Error(`${file} is not a form-js schema`);
  cache.set(formId, schema);
  return schema;
}

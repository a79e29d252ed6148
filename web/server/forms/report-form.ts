// The unit's weekly-report form (processes/forms/weekly-report-unit.form) read from the repository, for the 补报
// after the cut-off: its task is gone, so the engine no longer hands it out, yet the unit fills the same fields.
import type { FormComponent, FormSchema } from './form-schema';
import { repoForm } from './repo-forms';

export const reportForm = (): FormSchema => repoForm('weekly-report-unit');

// The task's heading speaks of the 17:00 cut-off still ahead; for a 补报 it has passed (the dialog says what a
// 补报 does), so the heading only names it.
const makeupHeading = '## {{isoWeek}} 工作周报（补报）';

/** The same fields and rules, under a heading for a report sent after the cut-off. */
export function makeupForm(): FormSchema {
  const form = reportForm();
  const components = form.components.map((c): FormComponent =>
    c.type === 'text' && c.id === 'Text' ? { ...c, text: makeupHeading } : c,
  );
  return { ...form, components };
}

// Filling a task's form-js form the way a person does, for the browser tests: fields found by their label
// (inside a list row when given the row), the inbox's link to the task, and the page's 提交.
import type { Locator, Page } from 'playwright-core';

type Scope = Page | Locator;

// The innermost form field with that label (a group is a field too, holding its children's labels).
export const field = (scope: Scope, label: string): Locator =>
  scope.locator(`.fjs-form-field:has(> label:text-is("${label}"))`);

export async function fill(scope: Scope, label: string, value: string) {
  const input = field(scope, label).locator('input, textarea').first();
  await input.fill(value);
  // Leaving the field validates it, and its error line goes: the form moves before the next click.
  await input.blur();
}

export async function choose(scope: Scope, label: string, option: string) {
  const f = field(scope, label);
  if (await f.locator('input[type=radio], input[type=checkbox]').count()) {
    // form-js re-renders the group on change; a plain click is what a person does.
    await f.getByLabel(option, { exact: true }).click();
    return;
  }
  await f.locator('.fjs-input-group').first().click();
  await f.locator('.fjs-dropdownlist-item', { hasText: option }).first().click();
}

export async function fillDate(scope: Scope, label: string, date: string) {
  const input = scope.getByLabel(label).first();
  await input.fill(date);
  await input.press('Enter');
  await input.blur();
}

/** Opens the user's task with that name for the business key, from 我的待办 (waiting for it to arrive). */
export async function openTask(page: Page, key: string, name: string) {
  await page.goto(`/tasks?key=${encodeURIComponent(key)}`);
  const link = page.getByRole('link', { name, exact: true });
  for (let i = 0; i < 30 && !(await link.count()); i++) {
    await page.waitForTimeout(500);
    await page.reload();
  }
  await link.first().click();
  await page.locator('.fjs-form').waitFor();
}

export async function submitTask(page: Page) {
  await page.getByRole('button', { name: '提交', exact: true }).click();
  await page.getByText('已提交，任务').waitFor({ timeout: 15_000 });
}

/** A minimal PDF the upload's content check accepts, carrying `text` so files differ. */
export const pdf = (text: string) =>
  Buffer.from(
    `%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${text}\ntrailer<</Root 1 0 R>>\n%%EOF\n`,
    'latin1',
  );

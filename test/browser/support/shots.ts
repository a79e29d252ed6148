// The pages `npm run screenshots` saves: a name, the demo user who opens it (none = signed out), and how to get
// there. Each page issue adds its pages here.
import type { Page } from 'playwright-core';
import type { BootedSystem } from './system';

export interface Shot {
  name: string;
  user?: string;
  widths?: number[];
  prepare(page: Page, booted: BootedSystem): Promise<void>;
}

export const shots: Shot[] = [
  {
    name: 'login',
    widths: [1280, 768],
    async prepare(page) {
      await page.goto('/');
      await page.getByRole('button', { name: '登录' }).waitFor();
    },
  },
  {
    name: 'password',
    user: 'court.user',
    async prepare(page) {
      await page.goto('/password');
      await page.getByRole('heading', { name: '修改密码' }).waitFor();
    },
  },
];

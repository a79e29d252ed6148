// The pages of the app in one list: the URL pattern, the module that renders it (loaded on demand, so a page's
// libraries — form-js, bpmn-js, ECharts — load only when it is opened), who may open it, and its entry in the
// navigation. A page module default-exports its component. Add a page here and it is routed and, if it has a
// nav label, shown in the header for the roles listed.
import type { ComponentType } from 'preact';
import { api } from './api';
import { registerNavBadge } from './nav-badges';
import type { Role } from './session';

export interface PageDef {
  path: string;
  load: () => Promise<{ default: ComponentType<never> }>;
  /** Who may open it; undefined = every signed-in user. */
  roles?: readonly Role[];
  nav?: { label: string; order: number; roles?: readonly Role[] };
}

const everyoneButAdmin: readonly Role[] = ['coordinator', 'unit-user', 'unit-lead', 'leader'];

export const pages: PageDef[] = [
  { path: '/password', load: () => import('../pages/password') },
  {
    path: '/ledger',
    load: () => import('../pages/ledger'),
    roles: everyoneButAdmin,
    nav: { label: '整改台账', order: 30 },
  },
  { path: '/ledger/:id', load: () => import('../pages/ledger/item'), roles: everyoneButAdmin },
  {
    path: '/reports',
    load: () => import('../pages/reports'),
    roles: everyoneButAdmin,
    nav: { label: '工作周报', order: 40 },
  },
  { path: '/reports/tasks', load: () => import('../pages/reports/tasks'), roles: everyoneButAdmin },
  {
    path: '/reports/summary/:week',
    load: () => import('../pages/reports/summary'),
    roles: ['coordinator', 'leader'],
  },
  { path: '/reports/:id', load: () => import('../pages/reports/report'), roles: everyoneButAdmin },
  {
    path: '/case-reviews',
    load: () => import('../pages/case-reviews'),
    roles: everyoneButAdmin,
    nav: { label: '案件评查', order: 45 },
  },
  {
    path: '/case-reviews/long-pending',
    load: () => import('../pages/case-reviews/long-pending'),
    roles: everyoneButAdmin,
  },
  {
    path: '/indicator-ranks',
    load: () => import('../pages/indicator-ranks'),
    roles: everyoneButAdmin,
    nav: { label: '全市位次', order: 46 },
  },
  {
    path: '/indicator-ranks/records/:id',
    load: () => import('../pages/indicator-ranks/record'),
    roles: everyoneButAdmin,
  },
  {
    path: '/outbox',
    load: () => import('../pages/outbox'),
    nav: { label: '发件箱', order: 80, roles: ['coordinator', 'unit-user', 'unit-lead', 'leader', 'admin'] },
  },
  { path: '/outbox/:id', load: () => import('../pages/outbox/message') },
  {
    path: '/admin',
    load: () => import('../pages/admin'),
    roles: ['admin'],
    nav: { label: '管理', order: 90, roles: ['admin'] },
  },
  { path: '/admin/units', load: () => import('../pages/admin/units'), roles: ['admin'] },
  { path: '/admin/plan', load: () => import('../pages/admin/plan'), roles: ['admin'] },
  { path: '/admin/calendars', load: () => import('../pages/admin/calendars'), roles: ['admin'] },
  { path: '/admin/audit', load: () => import('../pages/admin/audit'), roles: ['admin'] },
  { path: '/admin/assessment', load: () => import('../pages/admin/assessment'), roles: ['admin'] },
  {
    path: '/assessment',
    load: () => import('../pages/assessment'),
    roles: ['coordinator', 'leader', 'unit-user', 'unit-lead'],
    nav: { label: '考核', order: 50 },
  },
  {
    path: '/publicity',
    load: () => import('../pages/publicity'),
    roles: everyoneButAdmin,
    nav: { label: '宣传', order: 55 },
  },
  {
    path: '/circulars',
    load: () => import('../pages/circulars'),
    roles: everyoneButAdmin,
    nav: { label: '督导通报', order: 45 },
  },
  {
    path: '/dashboard',
    load: () => import('../pages/dashboard'),
    roles: ['coordinator', 'leader'],
    nav: { label: '领导驾驶舱', order: 10 },
  },
  {
    path: '/dashboard/records/:kind',
    load: () => import('../pages/dashboard/records'),
    roles: ['coordinator', 'leader'],
  },
  {
    path: '/tasks',
    load: () => import('../pages/tasks'),
    roles: everyoneButAdmin,
    nav: { label: '我的待办', order: 5 },
  },
  { path: '/tasks/:key', load: () => import('../pages/task'), roles: everyoneButAdmin },
  {
    path: '/start',
    load: () => import('../pages/start'),
    roles: ['coordinator', 'unit-user', 'unit-lead'],
    nav: { label: '发起', order: 20 },
  },
  {
    path: '/start/:processId',
    load: () => import('../pages/start/form'),
    roles: ['coordinator', 'unit-user', 'unit-lead'],
  },
  { path: '/search', load: () => import('../pages/search'), roles: everyoneButAdmin },
  {
    path: '/monitor',
    load: () => import('../pages/monitor'),
    nav: { label: '流程监控', order: 15 },
  },
  { path: '/monitor/:processId', load: () => import('../pages/monitor/process') },
  { path: '/instances/:key', load: () => import('../pages/instance') },
  { path: '/cases/:id', load: () => import('../pages/case'), roles: everyoneButAdmin },
];

// The open tasks beside 我的待办, polled (the admin has no inbox: its request is refused and shows nothing).
registerNavBadge('/tasks', () => api.get<{ open: number }>('/api/tasks/count').then((r) => r.open));

/** Where a user lands after sign-in: the first page of the navigation they may open. */
export function homePath(role: Role): string {
  const first = pages
    .filter((p) => p.nav && (p.nav.roles ?? p.roles ?? everyoneButAdmin).includes(role))
    .sort((a, b) => a.nav!.order - b.nav!.order)[0];
  return first?.path ?? '/password';
}

export function navFor(role: Role): { path: string; label: string }[] {
  return pages
    .filter((p) => p.nav && (p.nav.roles ?? p.roles ?? everyoneButAdmin).includes(role))
    .sort((a, b) => a.nav!.order - b.nav!.order)
    .map((p) => ({ path: p.path, label: p.nav!.label }));
}

export function mayOpen(page: PageDef, role: Role): boolean {
  return !page.roles || page.roles.includes(role);
}

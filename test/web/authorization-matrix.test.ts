// The authorization matrix: every route × every role (and anonymous), against the real server over HTTP.
// The expectations are written out here by hand — not derived from domain/auth/roles.ts — and every route the
// server mounts must have a row, so a new route without a decided policy fails this test. Denied requests
// must change nothing. Then unit scoping: a court user guessing police records' ids.
import { defaultRules } from '../../domain/assessment/rules';
import { defaultSessionPolicy } from '../../domain/auth/sessions';
import { allRoutes } from '../../web/server/routes';
import type { ApiClient } from '../support/api-client';
import { bootWeb, demoPassword, type TestWeb } from '../support/web-server';

type Who = 'anonymous' | 'admin' | 'coordinator' | 'leader' | 'unit-user' | 'unit-lead';
const everyone: Who[] = ['anonymous', 'admin', 'coordinator', 'leader', 'unit-user', 'unit-lead'];
const signedIn: Who[] = ['admin', 'coordinator', 'leader', 'unit-user', 'unit-lead'];
const readers: Who[] = ['coordinator', 'leader', 'unit-user', 'unit-lead'];
const usernames: Record<Exclude<Who, 'anonymous'>, string> = {
  admin: 'admin',
  coordinator: 'coordinator',
  leader: 'leader',
  'unit-user': 'court.user',
  'unit-lead': 'court.lead',
};

interface Ids {
  courtLedger: number;
  courtPetition: number;
  courtCase: number;
  courtReport: number;
  justiceUser: number;
  externalUnit: number;
  position: number;
  planTask: number;
  indicator: number;
  courtReviewBatch: number;
  courtReviewSample: number;
  courtRankRecord: number;
  /** One long-pending case per caller, so each may put its own into a review batch and close it. */
  longPending: Record<Who, number>;
}

interface Row {
  allowed: Who[];
  ok: number;
  request(ids: Ids, who: Who): { path: string; body?: unknown };
}

let seq = 0;
const matrix: Record<string, Row> = {
  'GET /health': { allowed: everyone, ok: 200, request: () => ({ path: '/api/health' }) },
  'GET /session': { allowed: everyone, ok: 200, request: () => ({ path: '/api/session' }) },
  'POST /login': {
    allowed: everyone,
    ok: 200,
    request: (_ids, who) => ({
      path: '/api/login',
      body: {
        username: who === 'anonymous' ? 'coordinator' : usernames[who],
        password: who === 'admin' ? 'admin-password-for-tests' : demoPassword,
      },
    }),
  },
  'POST /logout': { allowed: signedIn, ok: 204, request: () => ({ path: '/api/logout' }) },
  // A wrong current password: the route is reached (400 names the field) and no password changes under the test.
  'POST /account/password': {
    allowed: signedIn,
    ok: 400,
    request: () => ({
      path: '/api/account/password',
      body: { currentPassword: 'not-the-password', newPassword: 'another-long-password' },
    }),
  },
  'GET /units': { allowed: signedIn, ok: 200, request: () => ({ path: '/api/units' }) },
  'GET /deadlines': {
    allowed: signedIn,
    ok: 200,
    request: () => ({ path: '/api/deadlines?rule=petition.acceptance-notice&start=2026-09-22' }),
  },
  'GET /admin/users': { allowed: ['admin'], ok: 200, request: () => ({ path: '/api/admin/users' }) },
  'POST /admin/users': {
    allowed: ['admin'],
    ok: 201,
    request: () => ({
      path: '/api/admin/users',
      body: {
        username: `matrix.user${++seq}`,
        displayName: '测试用户',
        role: 'leader',
        password: 'a-long-enough-password',
      },
    }),
  },
  'PATCH /admin/users/:id': {
    allowed: ['admin'],
    ok: 200,
    request: (ids) => ({
      path: `/api/admin/users/${ids.justiceUser}`,
      body: { displayName: '区司法局承办人B（改）' },
    }),
  },
  'POST /admin/users/:id/password': {
    allowed: ['admin'],
    ok: 204,
    request: (ids) => ({
      path: `/api/admin/users/${ids.justiceUser}/password`,
      body: { password: demoPassword },
    }),
  },
  'POST /admin/users/:id/unlock': {
    allowed: ['admin'],
    ok: 200,
    request: (ids) => ({ path: `/api/admin/users/${ids.justiceUser}/unlock` }),
  },
  'GET /admin/units': { allowed: ['admin'], ok: 200, request: () => ({ path: '/api/admin/units' }) },
  'POST /admin/units': {
    allowed: ['admin'],
    ok: 201,
    request: () => ({
      path: '/api/admin/units',
      body: { code: `matrix-unit-${++seq}`, name: '测试单位', shortName: '测试', kind: 'external' },
    }),
  },
  'PATCH /admin/units/:id': {
    allowed: ['admin'],
    ok: 200,
    request: (ids) => ({
      path: `/api/admin/units/${ids.externalUnit}`,
      body: { email: 'yingshang@zhuanban.invalid' },
    }),
  },
  'GET /admin/chat-robots': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({ path: '/api/admin/chat-robots' }),
  },
  // PUT sets the external unit's robot, DELETE (next) removes it again.
  'PUT /admin/units/:id/chat-robot': {
    allowed: ['admin'],
    ok: 200,
    request: (ids) => ({
      path: `/api/admin/units/${ids.externalUnit}/chat-robot`,
      body: {
        platform: 'wecom',
        webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=matrix-key',
      },
    }),
  },
  'DELETE /admin/units/:id/chat-robot': {
    allowed: ['admin'],
    ok: 204,
    request: (ids) => ({ path: `/api/admin/units/${ids.externalUnit}/chat-robot` }),
  },
  'GET /admin/calendars/:year': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({ path: '/api/admin/calendars/2026' }),
  },
  'PUT /admin/calendars/:year': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({
      path: '/api/admin/calendars/2028',
      body: {
        source: '测试',
        provisional: true,
        days: [{ date: '2028-01-01', kind: 'holiday', name: '元旦' }],
      },
    }),
  },
  'GET /admin/deadline-rules': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({ path: '/api/admin/deadline-rules' }),
  },
  'PATCH /admin/deadline-rules/:code': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({ path: '/api/admin/deadline-rules/case.opinion', body: { days: 3 } }),
  },
  'GET /admin/audit': { allowed: ['admin'], ok: 200, request: () => ({ path: '/api/admin/audit?limit=5' }) },
  'GET /admin/audit/search': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({ path: '/api/admin/audit/search?action=user.update&limit=5' }),
  },
  'GET /admin/audit/facets': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({ path: '/api/admin/audit/facets' }),
  },
  'GET /admin/positions': { allowed: ['admin'], ok: 200, request: () => ({ path: '/api/admin/positions' }) },
  'PATCH /admin/positions/:id': {
    allowed: ['admin'],
    ok: 200,
    request: (ids) => ({
      path: `/api/admin/positions/${ids.position}`,
      body: { duty: '负责本单位涉企工作' },
    }),
  },
  'GET /admin/plan-tasks': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({ path: '/api/admin/plan-tasks' }),
  },
  'PATCH /admin/plan-tasks/:id': {
    allowed: ['admin'],
    ok: 200,
    request: (ids) => ({ path: `/api/admin/plan-tasks/${ids.planTask}`, body: { description: '测试说明' } }),
  },
  'GET /admin/indicators': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({ path: '/api/admin/indicators' }),
  },
  'PATCH /admin/indicators/:id': {
    allowed: ['admin'],
    ok: 200,
    request: (ids) => ({ path: `/api/admin/indicators/${ids.indicator}`, body: { target: 100 } }),
  },
  'GET /ledger-items': { allowed: readers, ok: 200, request: () => ({ path: '/api/ledger-items' }) },
  'GET /ledger-items/:id': {
    allowed: readers,
    ok: 200,
    request: (ids) => ({ path: `/api/ledger-items/${ids.courtLedger}` }),
  },
  'POST /ledger-items': {
    allowed: ['coordinator'],
    ok: 201,
    request: () => ({
      path: '/api/ledger-items',
      body: { source: 'supervision', problem: '督办事项（测试）', leadUnitCode: 'court' },
    }),
  },
  'POST /ledger-items/:id/progress-notes': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 201,
    request: (ids) => ({
      path: `/api/ledger-items/${ids.courtLedger}/progress-notes`,
      body: { content: '已完成部分整改（测试）' },
    }),
  },
  'GET /ledger/options': { allowed: readers, ok: 200, request: () => ({ path: '/api/ledger/options' }) },
  'GET /ledger/items': {
    allowed: readers,
    ok: 200,
    request: () => ({ path: '/api/ledger/items?color=red' }),
  },
  'GET /ledger/items/:id': {
    allowed: readers,
    ok: 200,
    request: (ids) => ({ path: `/api/ledger/items/${ids.courtLedger}` }),
  },
  'GET /ledger/export': { allowed: readers, ok: 200, request: () => ({ path: '/api/ledger/export' }) },
  // Not multipart: the route is reached and answers that no file came (400), importing nothing.
  'POST /ledger/import': {
    allowed: ['coordinator'],
    ok: 400,
    request: () => ({ path: '/api/ledger/import' }),
  },
  'GET /dashboard': {
    allowed: ['coordinator', 'leader'],
    ok: 200,
    request: () => ({ path: '/api/dashboard' }),
  },
  'GET /dashboard/petitions': {
    allowed: ['coordinator', 'leader'],
    ok: 200,
    request: () => ({ path: '/api/dashboard/petitions?filter=unreplied' }),
  },
  'GET /dashboard/cases': {
    allowed: ['coordinator', 'leader'],
    ok: 200,
    request: () => ({ path: '/api/dashboard/cases?filter=unresolved' }),
  },
  'GET /reports/matrix': {
    allowed: readers,
    ok: 200,
    request: () => ({ path: '/api/reports/matrix?weeks=4' }),
  },
  'GET /reports/plan-tasks': {
    allowed: readers,
    ok: 200,
    request: () => ({ path: '/api/reports/plan-tasks' }),
  },
  // The summary holds every unit's report: unit roles are refused inside the route (403 like the matrix's).
  'GET /reports/summaries/:week': {
    allowed: ['coordinator', 'leader'],
    ok: 200,
    request: () => ({ path: '/api/reports/summaries/2026-W47' }),
  },
  'GET /reports/summaries/:week/docx': {
    allowed: ['coordinator', 'leader'],
    ok: 200,
    request: () => ({ path: '/api/reports/summaries/2026-W47/docx' }),
  },
  'GET /progress-meetings': {
    allowed: readers,
    ok: 200,
    request: () => ({ path: '/api/progress-meetings?week=2026-W47' }),
  },
  // No attendance: the route is reached (400 names the field) and no meeting is recorded.
  'POST /progress-meetings': {
    allowed: ['coordinator'],
    ok: 400,
    request: () => ({
      path: '/api/progress-meetings',
      body: { isoWeek: '2026-W47', heldOn: '2026-11-20', title: '推进会', minutes: '纪要', attendance: [] },
    }),
  },
  // A week never opened: both 补报 routes are reached (404 names the summary) and nothing changes.
  'GET /reports/makeup/form': {
    allowed: ['unit-user', 'unit-lead'],
    ok: 404,
    request: () => ({ path: '/api/reports/makeup/form?week=2019-W02&unit=court' }),
  },
  'POST /reports/makeup': {
    allowed: ['unit-user', 'unit-lead'],
    ok: 404,
    request: () => ({
      path: '/api/reports/makeup',
      body: {
        isoWeek: '2019-W02',
        unitCode: 'court',
        report: { author: '测试', problems: '无', coordinationRequests: '无', nextWeekPlan: '无' },
      },
    }),
  },
  'GET /reports/:id': {
    allowed: readers,
    ok: 200,
    request: (ids) => ({ path: `/api/reports/${ids.courtReport}` }),
  },
  'GET /circulars': { allowed: readers, ok: 200, request: () => ({ path: '/api/circulars' }) },
  'GET /circulars/:id/docx': {
    allowed: readers,
    ok: 404,
    request: () => ({ path: '/api/circulars/999999/docx' }),
  },
  // A month not yet begun: the coordinator reaches the route (400) and nothing is generated.
  'POST /circulars': {
    allowed: ['coordinator'],
    ok: 400,
    request: () => ({ path: '/api/circulars', body: { period: '2099-01' } }),
  },
  'GET /outbox': { allowed: signedIn, ok: 200, request: () => ({ path: '/api/outbox?status=failed' }) },
  'GET /outbox/:id': { allowed: signedIn, ok: 404, request: () => ({ path: '/api/outbox/999999' }) },
  // An id that does not exist: the admin reaches the route (404) and nothing is resent.
  'POST /outbox/:id/resend': {
    allowed: ['admin'],
    ok: 404,
    request: () => ({ path: '/api/outbox/999999/resend' }),
  },
  'GET /petitions/:id': {
    allowed: readers,
    ok: 200,
    request: (ids) => ({ path: `/api/petitions/${ids.courtPetition}` }),
  },
  'GET /cases/:id': {
    allowed: readers,
    ok: 200,
    request: (ids) => ({ path: `/api/cases/${ids.courtCase}` }),
  },
  'GET /case-pages/:id': {
    allowed: readers,
    ok: 200,
    request: (ids) => ({ path: `/api/case-pages/${ids.courtCase}` }),
  },
  'GET /weekly-reports': {
    allowed: readers,
    ok: 200,
    request: () => ({ path: '/api/weekly-reports?week=2026-W47' }),
  },
  'GET /weekly-reports/:id': {
    allowed: readers,
    ok: 200,
    request: (ids) => ({ path: `/api/weekly-reports/${ids.courtReport}` }),
  },
  // 我的待办 and 发起 need the engine: without one (as here) a permitted caller reaches the route and gets 503.
  'GET /tasks': { allowed: readers, ok: 503, request: () => ({ path: '/api/tasks' }) },
  'GET /tasks/count': { allowed: readers, ok: 503, request: () => ({ path: '/api/tasks/count' }) },
  'GET /tasks/:key': { allowed: readers, ok: 503, request: () => ({ path: '/api/tasks/2251799813685249' }) },
  'GET /tasks/:key/history': {
    allowed: readers,
    ok: 503,
    request: () => ({ path: '/api/tasks/2251799813685249/history' }),
  },
  'GET /tasks/:key/diagram': {
    allowed: readers,
    ok: 503,
    request: () => ({ path: '/api/tasks/2251799813685249/diagram' }),
  },
  'POST /tasks/claim': {
    allowed: readers,
    ok: 503,
    request: () => ({ path: '/api/tasks/claim', body: { keys: ['2251799813685249'] } }),
  },
  'POST /tasks/:key/claim': {
    allowed: readers,
    ok: 503,
    request: () => ({ path: '/api/tasks/2251799813685249/claim' }),
  },
  'POST /tasks/:key/unclaim': {
    allowed: readers,
    ok: 503,
    request: () => ({ path: '/api/tasks/2251799813685249/unclaim' }),
  },
  'POST /tasks/:key/assign': {
    allowed: readers,
    ok: 400,
    request: () => ({ path: '/api/tasks/2251799813685249/assign', body: {} }),
  },
  'POST /tasks/:key/complete': {
    allowed: readers,
    ok: 503,
    request: () => ({ path: '/api/tasks/2251799813685249/complete', body: { variables: {} } }),
  },
  'GET /start-forms': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 200,
    request: () => ({ path: '/api/start-forms' }),
  },
  'GET /start-forms/:processId': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 503,
    request: () => ({ path: '/api/start-forms/petition-reply' }),
  },
  'POST /start-forms/:processId': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 400,
    request: () => ({ path: '/api/start-forms/petition-reply', body: { variables: {} } }),
  },
  // A JSON body is not a file: a permitted caller reaches the upload and is told to send one (400).
  'POST /attachments': { allowed: readers, ok: 400, request: () => ({ path: '/api/attachments', body: {} }) },
  'GET /attachments/:id': { allowed: readers, ok: 404, request: () => ({ path: '/api/attachments/999999' }) },
  'GET /attachments/:id/content': {
    allowed: readers,
    ok: 404,
    request: () => ({ path: '/api/attachments/999999/content' }),
  },
  'GET /search': { allowed: readers, ok: 200, request: () => ({ path: '/api/search?q=XT-2026-001' }) },
  // 流程监控 and the instance page: without an engine a permitted caller is told so (503)
  'GET /monitor': { allowed: signedIn, ok: 503, request: () => ({ path: '/api/monitor' }) },
  'GET /monitor/:processId': {
    allowed: signedIn,
    ok: 503,
    request: () => ({ path: '/api/monitor/case-coordination' }),
  },
  'GET /monitor/:processId/heat': {
    allowed: signedIn,
    ok: 503,
    request: () => ({ path: '/api/monitor/case-coordination/heat' }),
  },
  'GET /monitor/:processId/elements/:elementId': {
    allowed: signedIn,
    ok: 503,
    request: () => ({ path: '/api/monitor/case-coordination/elements/Task_SubmitOpinion' }),
  },
  'GET /live/:processId': {
    allowed: signedIn,
    ok: 503,
    request: () => ({ path: '/api/live/case-coordination' }),
  },
  'GET /instances/:key': {
    allowed: signedIn,
    ok: 503,
    request: () => ({ path: '/api/instances/2251799813685249' }),
  },
  'POST /instances/:key/incidents/:incidentKey/retry': {
    allowed: ['admin', 'coordinator'],
    ok: 503,
    request: () => ({ path: '/api/instances/2251799813685249/incidents/2251799813685250/retry', body: {} }),
  },
  'GET /instances/:key/meeting-reschedule': {
    allowed: ['coordinator'],
    ok: 503,
    request: () => ({ path: '/api/instances/2251799813685249/meeting-reschedule' }),
  },
  'POST /instances/:key/meeting-reschedule': {
    allowed: ['coordinator'],
    ok: 503,
    request: () => ({
      path: '/api/instances/2251799813685249/meeting-reschedule',
      body: { variables: { newMeetingAt: '2099-01-05T09:30+08:00', rescheduleReason: '时间冲突' } },
    }),
  },
  'GET /instances/:key/petition-extension-request': {
    allowed: ['unit-user', 'unit-lead'],
    ok: 503,
    request: () => ({ path: '/api/instances/2251799813685249/petition-extension-request' }),
  },
  'POST /instances/:key/petition-extension-request': {
    allowed: ['unit-user', 'unit-lead'],
    ok: 503,
    request: () => ({
      path: '/api/instances/2251799813685249/petition-extension-request',
      body: { variables: { extensionReason: '案情复杂', requestedDueDate: '2099-01-05' } },
    }),
  },
  'GET /publicity': { allowed: readers, ok: 200, request: () => ({ path: '/api/publicity?unit=court' }) },
  'GET /publicity/options': {
    allowed: readers,
    ok: 200,
    request: () => ({ path: '/api/publicity/options' }),
  },
  'POST /publicity': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 201,
    request: () => ({
      path: '/api/publicity',
      body: { unitCode: 'court', kind: 'typical_case', title: `典型案例${++seq}`, happenedOn: '2026-11-20' },
    }),
  },
  'GET /assessment': {
    allowed: ['coordinator', 'leader', 'admin'],
    ok: 200,
    request: () => ({ path: '/api/assessment?period=2026-Q4' }),
  },
  'GET /assessment/records': {
    allowed: ['coordinator', 'leader', 'admin'],
    ok: 200,
    request: () => ({ path: '/api/assessment/records?period=2026-Q4&unit=court&measure=reportsOnTime' }),
  },
  'GET /assessment/export': {
    allowed: ['coordinator', 'leader', 'admin'],
    ok: 200,
    request: () => ({ path: '/api/assessment/export?period=2026' }),
  },
  'POST /assessment/entries': {
    allowed: ['coordinator'],
    ok: 201,
    request: () => ({
      path: '/api/assessment/entries',
      body: {
        period: '2026-Q4',
        unitCode: 'court',
        dimension: 'provincial-evaluation',
        score: 88,
        reason: '省级评价结果通报',
      },
    }),
  },
  'GET /assessment/sanctions': {
    allowed: readers,
    ok: 200,
    request: () => ({ path: '/api/assessment/sanctions?period=2026-Q4' }),
  },
  // A reward (not a 责令整改): no ledger item, so the denied rows can be checked for "nothing changed" alike.
  'POST /assessment/sanctions': {
    allowed: ['coordinator'],
    ok: 201,
    request: () => ({
      path: '/api/assessment/sanctions',
      body: {
        period: '2026-Q4',
        unitCode: 'court',
        kind: 'commend',
        reason: '执行指标全市位次前移',
        basis: '奖惩办法第五条',
        decidedBy: '工作专班',
        decidedOn: '2026-11-30',
      },
    }),
  },
  'GET /admin/assessment-rules': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({ path: '/api/admin/assessment-rules' }),
  },
  'PUT /admin/assessment-rules': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({ path: '/api/admin/assessment-rules', body: defaultRules }),
  },
  'GET /case-reviews': { allowed: readers, ok: 200, request: () => ({ path: '/api/case-reviews' }) },
  'GET /case-reviews/batches/:id': {
    allowed: readers,
    ok: 200,
    request: (ids) => ({ path: `/api/case-reviews/batches/${ids.courtReviewBatch}` }),
  },
  // Unit users record for their own unit (the court's users here), the office for any unit.
  'POST /case-reviews/batches': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 201,
    request: () => ({
      path: '/api/case-reviews/batches',
      body: {
        unitCode: 'court',
        title: '矩阵评查',
        reviewedOn: '2026-11-02',
        samples: [{ caseNumber: `（2026）豫0703民初${++seq}号`, enterpriseRelated: true }],
      },
    }),
  },
  // Raising the same sample again returns the item it already became.
  'POST /case-reviews/samples/:id/ledger-item': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 201,
    request: (ids) => ({
      path: `/api/case-reviews/samples/${ids.courtReviewSample}/ledger-item`,
      body: { leadUnitCode: 'court', problem: '超审限未报批' },
    }),
  },
  'GET /case-reviews/long-pending': {
    allowed: readers,
    ok: 200,
    request: () => ({ path: '/api/case-reviews/long-pending?status=pending&overdue=1' }),
  },
  'GET /case-reviews/long-pending/:id': {
    allowed: readers,
    ok: 200,
    request: (ids, who) => ({ path: `/api/case-reviews/long-pending/${ids.longPending[who]}` }),
  },
  // The court's users and the office register (a police user is refused in the API test).
  'POST /case-reviews/long-pending': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 201,
    request: () => ({
      path: '/api/case-reviews/long-pending',
      body: { ...longPendingCase, caseNumber: `（2024）豫0703民初${++seq}号` },
    }),
  },
  'PUT /case-reviews/long-pending/:id': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 200,
    request: (ids, who) => ({
      path: `/api/case-reviews/long-pending/${ids.longPending[who]}`,
      body: { ...longPendingCase, plan: `矩阵修改${++seq}` },
    }),
  },
  'POST /case-reviews/long-pending/:id/progress': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 201,
    request: (ids, who) => ({
      path: `/api/case-reviews/long-pending/${ids.longPending[who]}/progress`,
      body: { content: '组织调解' },
    }),
  },
  'POST /case-reviews/long-pending/:id/review-sample': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 201,
    request: (ids, who) => ({
      path: `/api/case-reviews/long-pending/${ids.longPending[who]}/review-sample`,
      body: { batchId: ids.courtReviewBatch },
    }),
  },
  // Raising the same case again returns the item it already became.
  'POST /case-reviews/long-pending/:id/ledger-item': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 201,
    request: (ids, who) => ({
      path: `/api/case-reviews/long-pending/${ids.longPending[who]}/ledger-item`,
      body: { leadUnitCode: 'court', problem: '久拖未结' },
    }),
  },
  // Last of the case's rows: a closed case takes no more changes.
  'POST /case-reviews/long-pending/:id/close': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 200,
    request: (ids, who) => ({
      path: `/api/case-reviews/long-pending/${ids.longPending[who]}/close`,
      body: { closedOn: '2026-11-30', closingMethod: 'judgment' },
    }),
  },
  'GET /indicator-ranks': { allowed: readers, ok: 200, request: () => ({ path: '/api/indicator-ranks' }) },
  'GET /indicator-ranks/records/:id': {
    allowed: readers,
    ok: 200,
    request: (ids) => ({ path: `/api/indicator-ranks/records/${ids.courtRankRecord}` }),
  },
  // The court's users enter the court's indicators, the office any (a police user is refused in the API test).
  'POST /indicator-ranks/records': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 201,
    request: () => ({
      path: '/api/indicator-ranks/records',
      body: {
        indicatorCode: 'enforcing-contracts',
        period: String(2000 + ++seq),
        cityRank: 2,
        rankedCount: 12,
      },
    }),
  },
  'PUT /indicator-ranks/records/:id': {
    allowed: ['coordinator', 'unit-user', 'unit-lead'],
    ok: 200,
    request: (ids) => ({
      path: `/api/indicator-ranks/records/${ids.courtRankRecord}`,
      body: { cityRank: 9, rankedCount: 12, reason: '矩阵更正' },
    }),
  },
  // Raising the same record again returns the item it already became.
  'POST /indicator-ranks/records/:id/ledger-item': {
    allowed: ['coordinator'],
    ok: 201,
    request: (ids) => ({ path: `/api/indicator-ranks/records/${ids.courtRankRecord}/ledger-item`, body: {} }),
  },
  'PUT /admin/indicators/:code/advanced-rank': {
    allowed: ['admin'],
    ok: 200,
    request: () => ({
      path: '/api/admin/indicators/enforcing-contracts/advanced-rank',
      body: { advancedRank: 3 },
    }),
  },
};

const longPendingCase = {
  caseType: 'civil' as const,
  parties: '北辰冷链物流有限公司诉某仓储公司',
  enterprise: '北辰冷链物流有限公司',
  filedOn: '2024-05-06',
  plan: '限期审结',
  targetOn: '2026-12-31',
};

async function longPendingCases(db: TestWeb['database']['db'], unitId: number) {
  const out = {} as Record<Who, number>;
  for (const [i, who] of everyone.entries())
    out[who] = (
      await db.longPendingCase.create({
        data: { ...longPendingCase, caseNumber: `（2023）豫0703民初${900 + i}号`, unitId },
      })
    ).id;
  return out;
}

async function courtReview(db: TestWeb['database']['db'], unitId: number) {
  const batch = await db.caseReviewBatch.create({
    data: {
      unitId,
      title: '法院自查',
      reviewedOn: '2026-10-12',
      samples: { create: [{ caseNumber: '（2026）豫0703民初1号', enterpriseRelated: true }] },
    },
    include: { samples: true },
  });
  return { courtReviewBatch: batch.id, courtReviewSample: batch.samples[0]!.id };
}

describe('authorization matrix', () => {
  let web: TestWeb;
  let ids: Ids;
  beforeAll(async () => {
    web = await bootWeb({ settings: { loginRateLimit: { max: 1000, windowMs: 60_000 } } });
    const db = web.database.db;
    const court = await db.unit.findUniqueOrThrow({ where: { code: 'court' } });
    ids = {
      courtLedger: (await db.ledgerItem.findFirstOrThrow({ where: { leadUnitId: court.id } })).id,
      courtPetition: (await db.petition.findFirstOrThrow({ where: { handlingUnitId: court.id } })).id,
      courtCase: (await db.enterpriseCase.findFirstOrThrow({ where: { handlingUnitId: court.id } })).id,
      courtReport: (await db.weeklyReport.findFirstOrThrow({ where: { unitId: court.id } })).id,
      justiceUser: (await db.user.findUniqueOrThrow({ where: { username: 'justice.user' } })).id,
      externalUnit: (await db.unit.findUniqueOrThrow({ where: { code: 'business-env-office' } })).id,
      position: (await db.position.findFirstOrThrow()).id,
      planTask: (await db.planTask.findFirstOrThrow()).id,
      indicator: (await db.indicator.findUniqueOrThrow({ where: { code: 'complaint-resolution-rate' } })).id,
      ...(await courtReview(db, court.id)),
      longPending: await longPendingCases(db, court.id),
      courtRankRecord: (
        await db.indicatorPeriodFigure.create({
          data: {
            indicator: { connect: { code: 'enforcing-contracts' } },
            period: '2026-Q3',
            cityRank: 9,
            rankedCount: 12,
            enteredBy: { connect: { username: 'court.user' } },
          },
        })
      ).id,
    };
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('has an expectation for every route the server mounts, and no stale ones', () => {
    const settings = { session: defaultSessionPolicy, loginRateLimit: { max: 1, windowMs: 1 } };
    const mounted = allRoutes({ db: web.database.db, provider: 'sqlite', settings, baseUrl: '' }).map(
      (r) => `${r.method.toUpperCase()} ${r.path}`,
    );
    expect([...mounted].sort()).toEqual(Object.keys(matrix).sort());
  });

  const client = async (who: Who): Promise<ApiClient> => {
    if (who === 'anonymous') {
      const c = web.client();
      await c.refreshCsrf();
      return c;
    }
    return web.signedIn(usernames[who], who === 'admin' ? 'admin-password-for-tests' : demoPassword);
  };

  it.each(everyone)(
    'allows and denies each route as the matrix says, for %s',
    async (who) => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      const c = await client(who);
      // one session per role; login and logout come last (a login makes the anonymous client someone)
      const last = who === 'anonymous' ? ['POST /logout', 'POST /login'] : ['POST /login', 'POST /logout'];
      const rows = Object.entries(matrix).sort(([a], [b]) => last.indexOf(a) - last.indexOf(b));
      for (const [key, row] of rows) {
        const method = key.split(' ')[0];
        const { path, body } = row.request(ids, who);
        const auditBefore = await web.database.db.auditLog.count();
        const res = await c.send(method, path, body);
        const allowed = row.allowed.includes(who);
        const want = allowed ? row.ok : who === 'anonymous' ? 401 : 403;
        if (key === 'POST /login' && res.status === 200)
          c.csrfToken = (res.body as { csrfToken: string }).csrfToken;
        outcomes.push(`${key} → ${res.status}`);
        expected.push(`${key} → ${want}`);
        if (!allowed) {
          expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
          if (method !== 'GET') expect(await web.database.db.auditLog.count()).toBe(auditBefore);
        }
      }
      expect(outcomes).toEqual(expected);
    },
    60_000,
  );

  it('refuses a state-changing request without the CSRF token, for a role that may make it, and changes nothing', async () => {
    const c = await client('coordinator');
    const before = await web.database.db.ledgerItem.count();
    const res = await c.send(
      'POST',
      '/api/ledger-items',
      { source: 'complaint', problem: '无令牌', leadUnitCode: 'court' },
      { csrf: false },
    );
    expect(res.status).toBe(403);
    const wrong = await c.send(
      'POST',
      '/api/ledger-items',
      { source: 'complaint', problem: '错令牌', leadUnitCode: 'court' },
      {
        csrf: false,
        headers: { 'x-csrf-token': 'not-the-token' },
      },
    );
    expect(wrong.status).toBe(403);
    expect(await web.database.db.ledgerItem.count()).toBe(before);
  });
});

describe('unit scoping', () => {
  let web: TestWeb;
  let police: { ledger: number; petition: number; case: number; report: number };
  beforeAll(async () => {
    web = await bootWeb();
    const db = web.database.db;
    const unit = await db.unit.findUniqueOrThrow({ where: { code: 'police' } });
    police = {
      ledger: (await db.ledgerItem.findFirstOrThrow({ where: { leadUnitId: unit.id } })).id,
      petition: (await db.petition.findFirstOrThrow({ where: { handlingUnitId: unit.id } })).id,
      case: (await db.enterpriseCase.findFirstOrThrow({ where: { handlingUnitId: unit.id } })).id,
      report: (await db.weeklyReport.findFirstOrThrow({ where: { unitId: unit.id } })).id,
    };
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('denies a court user every police record by id, exactly like an id that does not exist', async () => {
    const court = await web.signedIn('court.user');
    for (const path of [
      `/api/ledger-items/${police.ledger}`,
      `/api/petitions/${police.petition}`,
      `/api/cases/${police.case}`,
      `/api/case-pages/${police.case}`,
      `/api/weekly-reports/${police.report}`,
    ]) {
      const res = await court.send('GET', path);
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      const missing = await court.send('GET', path.replace(/\d+$/, '999999'));
      expect({ ...(res.body as object), instance: null }).toEqual({
        ...(missing.body as object),
        instance: null,
      });
    }
  });

  it('lets the police user read the same records', async () => {
    const policeUser = await web.signedIn('police.user');
    expect((await policeUser.send('GET', `/api/ledger-items/${police.ledger}`)).status).toBe(200);
    expect((await policeUser.send('GET', `/api/petitions/${police.petition}`)).status).toBe(200);
    expect((await policeUser.send('GET', `/api/cases/${police.case}`)).status).toBe(200);
    expect((await policeUser.send('GET', `/api/case-pages/${police.case}`)).status).toBe(200);
    expect((await policeUser.send('GET', `/api/weekly-reports/${police.report}`)).status).toBe(200);
  });

  it('lists only the unit’s own records for a unit user, and all of them for a coordinator', async () => {
    const court = await web.signedIn('court.lead');
    const items = (await court.send<{ leadUnit: { code: string } }[]>('GET', '/api/ledger-items')).body;
    expect(items.length).toBeGreaterThan(0);
    expect(new Set(items.map((i) => i.leadUnit.code))).toEqual(new Set(['court']));
    const reports = (await court.send<{ unit: { code: string } }[]>('GET', '/api/weekly-reports')).body;
    expect(reports.map((r) => r.unit.code)).toEqual(['court']);
    const coordinator = await web.signedIn('coordinator');
    const all = (await coordinator.send<unknown[]>('GET', '/api/ledger-items')).body;
    expect(all.length).toBe(await web.database.db.ledgerItem.count());
  });

  it('lets an assisting unit see a ledger item it assists on', async () => {
    const justice = await web.signedIn('justice.user');
    expect((await justice.send('GET', `/api/ledger-items/${police.ledger}`)).status).toBe(200);
  });

  it('refuses a court user posting progress on a police ledger item, and writes nothing', async () => {
    const court = await web.signedIn('court.user');
    const notes = await web.database.db.ledgerProgressNote.count();
    const res = await court.send('POST', `/api/ledger-items/${police.ledger}/progress-notes`, {
      content: '越权填报',
    });
    expect(res.status).toBe(404);
    expect(await web.database.db.ledgerProgressNote.count()).toBe(notes);
  });

  it('rejects a malformed id with the parameter named', async () => {
    const court = await web.signedIn('court.user');
    const res = await court.send('GET', '/api/ledger-items/abc');
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ errors: [{ field: 'id' }] });
  });
});

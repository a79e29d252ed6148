// Links from a mail to the page it is about, under WEB_BASE_URL (where people reach the web): the inbox filtered
// to the item (/tasks?key=XT-2026-001 — the reader's task on it) or the search that opens its record. Without
// WEB_BASE_URL a mail carries no link rather than a wrong one.
function base(): string | undefined {
  const raw = process.env.WEB_BASE_URL?.trim();
  return raw ? raw.replace(/\/+$/, '') : undefined;
}

/** 我的待办 filtered to the item with this business key. */
export function inboxLink(businessKey: string): string | undefined {
  const b = base();
  return b && `${b}/tasks?key=${encodeURIComponent(businessKey)}`;
}

/** The search that goes straight to the record (or the reader's task on it). */
export function recordLink(businessKey: string): string | undefined {
  const b = base();
  return b && `${b}/search?q=${encodeURIComponent(businessKey)}`;
}

const recordPaths: Record<string, (id: number) => string> = {
  ledgerItem: (id) => `/ledger/${id}`,
  weeklyReport: (id) => `/reports/${id}`,
  petition: (id) => `/petitions/${id}`,
  enterpriseCase: (id) => `/cases/${id}`,
};

/** The web path of the record an outbox message concerns (/ledger/12), or null when it has no page. */
export function recordPath(relatedType?: string | null, relatedId?: number | null): string | null {
  return relatedType && relatedId ? (recordPaths[relatedType]?.(relatedId) ?? null) : null;
}

/** The full address of that page under WEB_BASE_URL (undefined without WEB_BASE_URL or a page). */
export function recordPageLink(relatedType?: string | null, relatedId?: number | null): string | undefined {
  const b = base();
  const path = recordPath(relatedType, relatedId);
  return b && path ? `${b}${path}` : undefined;
}

/** The task's own page (办理 form and record), for a new-task notice. */
export function taskLink(userTaskKey: string): string | undefined {
  const b = base();
  return b && `${b}/tasks/${encodeURIComponent(userTaskKey)}`;
}

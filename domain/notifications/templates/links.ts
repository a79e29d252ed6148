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

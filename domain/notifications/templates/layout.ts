// The one layout every notification uses: a greeting, paragraphs, a table of facts and a signature, rendered
// both as plain text and as simple HTML (escaped), with dates in Asia/Shanghai written the Chinese way.
import { DateTime } from 'luxon';
import { zone } from '../../calendar/deadline';
import type { MailAttachment, MailContent } from '../types';

/** 2026年12月4日 09:30 */
export function zhDateTime(date: Date): string {
  return DateTime.fromJSDate(date, { zone }).toFormat("yyyy'年'M'月'd'日' HH:mm");
}

/** 2026年12月4日 */
export function zhDate(date: Date): string {
  return DateTime.fromJSDate(date, { zone }).toFormat("yyyy'年'M'月'd'日'");
}

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

export interface Letter {
  template: string;
  subject: string;
  /** 青禾精密机械有限公司：/ 区法院： */
  greeting: string;
  paragraphs: string[];
  facts?: [label: string, value: string | undefined][];
  /** Defaults to the task-force office. */
  signature?: string;
  attachments?: MailAttachment[];
  calendar?: MailContent['calendar'];
}

export const officeSignature = '区委政法委 加强企业权益保护工作专班办公室';
const footer = '本邮件由工作专班系统自动发送，请勿直接回复。';

export function letter(l: Letter): MailContent {
  const facts = (l.facts ?? []).filter((f): f is [string, string] => f[1] !== undefined && f[1] !== '');
  const signature = l.signature ?? officeSignature;
  const text = [
    l.greeting,
    '',
    ...l.paragraphs.flatMap((p) => [p, '']),
    ...(facts.length ? [...facts.map(([k, v]) => `${k}：${v}`), ''] : []),
    signature,
    '',
    `—— ${footer}`,
  ].join('\n');
  const html = [
    '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"></head>',
    "<body style=\"font-family: 'Microsoft YaHei', 'PingFang SC', sans-serif; line-height: 1.6\">",
    `<p>${escapeHtml(l.greeting)}</p>`,
    ...l.paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`),
    facts.length
      ? `<table style="border-collapse: collapse">${facts
          .map(
            ([k, v]) =>
              `<tr><th style="text-align: left; padding: 2px 12px 2px 0">${escapeHtml(k)}</th><td>${escapeHtml(v).replace(/\n/g, '<br>')}</td></tr>`,
          )
          .join('')}</table>`
      : '',
    `<p>${escapeHtml(signature)}</p>`,
    `<p style="color: #888; font-size: small">${escapeHtml(footer)}</p>`,
    '</body></html>',
  ].join('\n');
  return {
    template: l.template,
    subject: l.subject,
    text,
    html,
    attachments: l.attachments,
    calendar: l.calendar,
    link: facts.find(([, v]) => /^https?:\/\//.test(v))?.[1],
  };
}

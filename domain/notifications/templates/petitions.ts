// Petition notices (信访事项告知): acceptance, non-acceptance with the route to take, forwarding, the
// procuratorate's procedural reply, extension, review route; plus the delivery of the reply opinion and the
// notice to public-reply participants (at least 3 days before the session).
import type { MailContent } from '../types';
import { letter, zhDate, zhDateTime } from './layout';

export type PetitionNoticeKind =
  | 'acceptance'
  | 'non_acceptance'
  | 'forward'
  | 'procedural_reply'
  | 'extension'
  | 'review_route'
  | 'reply_delivered';

export const noticeTitles: Record<PetitionNoticeKind, string> = {
  acceptance: '受理告知书',
  non_acceptance: '不予受理告知书',
  forward: '转送告知书',
  procedural_reply: '程序性回复',
  extension: '延期办理告知书',
  review_route: '复查复核途径告知',
  reply_delivered: '答复意见书',
};

export interface PetitionNotice {
  kind: PetitionNoticeKind;
  petitionNumber: string; // XF-2026-0001
  petitionerName: string;
  subject: string;
  unitName: string; // the unit that issues it
  issuedAt: Date;
  /** The notice text itself (reason and route, forward target, reply opinion, …). */
  body: string;
  dueAt?: Date;
}

export function petitionNotice(n: PetitionNotice): MailContent {
  const title = noticeTitles[n.kind];
  return letter({
    template: `petition.${n.kind}`,
    subject: `【${title}】${n.petitionNumber} ${n.subject}`,
    greeting: `${n.petitionerName}：`,
    paragraphs: [`关于您反映的“${n.subject}”（编号 ${n.petitionNumber}），现告知如下：`, n.body],
    facts: [
      ['信访编号', n.petitionNumber],
      ['办理单位', n.unitName],
      ['办理期限', n.dueAt && zhDate(n.dueAt)],
      ['告知时间', zhDateTime(n.issuedAt)],
    ],
    signature: n.unitName,
  });
}

export interface PublicReplyInvitation {
  petitionNumber: string;
  subject: string;
  unitName: string;
  scheduledAt: Date;
  venue: string;
  isOpen: boolean;
  inviteeName: string;
}

export function publicReplyInvitation(p: PublicReplyInvitation): MailContent {
  return letter({
    template: 'petition.public-reply-invitation',
    subject: `【公开答复邀请】${p.petitionNumber} ${zhDateTime(p.scheduledAt)}`,
    greeting: `${p.inviteeName}：`,
    paragraphs: [
      `${p.unitName}定于${zhDateTime(p.scheduledAt)}在${p.venue}就信访事项“${p.subject}”举行公开答复，诚邀您参加并发表意见。`,
      p.isOpen
        ? '本次公开答复依法公开举行，将另行发布公告。'
        : '本次公开答复不对社会公开，请对涉及的个人信息和商业秘密予以保密。',
    ],
    facts: [
      ['信访编号', p.petitionNumber],
      ['时间', zhDateTime(p.scheduledAt)],
      ['地点', p.venue],
    ],
    signature: p.unitName,
  });
}

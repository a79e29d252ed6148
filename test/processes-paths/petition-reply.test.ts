// Paths of the public reply to a petition (petition-reply.bpmn) with the real workers on the real engine: not
// accepted (and diverted to litigation), forwarded (to a member unit, and outside the task force), a simple reply,
// a public reply with the consent of every party (participants notified at least 3 days ahead, the public
// notice, an unsatisfied petitioner told the review route), and one party refusing: answered the ordinary way. Users act through the REST API v2; mails are read back
// from a real SMTP server.
import { uploadedScan } from '../support/scan-data';
import { bySubject, party, recipients } from './support/answers';
import { DAY, dateOf, isoOf, startBench, type Bench } from './support/bench';
import { accepted, petition, register, replyAndSign, variable, visit } from './support/petitions';

jest.setTimeout(60_000);

let b: Bench;
beforeEach(async () => {
  b = await startBench('sqlite');
});
afterEach(async () => {
  await b?.close();
});

const subjects = async () => (await b.mails()).map((m) => m.mail.subject);

describe('a petition', () => {
  it('is not accepted: reminded before the procedural-reply deadline, the notice gives the reason and the route', async () => {
    const t0 = b.now();
    const { pi, number } = await register(b, {
      channel: 'line_12309',
      receivingUnitCode: 'procuratorate',
      petitionerKind: 'person', // the procuratorate's 7 days; an enterprise complaint has 3 working days
    });
    expect(number).toBe(`XF-${dateOf(t0).slice(0, 4)}-0001`);
    await b.task('procuratorate', 'Task_Classify', pi);
    expect(await b.inbox('court', pi)).toEqual([]);
    await b.pin(t0 + 6 * DAY); // past the reminder of the 7-day procedural reply
    await b.until('the classification reminder', async () => (await b.db.outboxMessage.count()) === 1);
    await b.complete('procuratorate', 'Task_Classify', pi, {
      classification: 'not_accept',
      classificationReason: '所反映事项已经人民法院生效判决处理',
      routeAdvice: '可依法向作出生效判决的人民法院申请再审',
    });
    await b.ended(pi);
    const row = await petition(b, number);
    expect(row.status).toBe('not_accepted');
    expect(row.proceduralReplyDue).not.toBeNull();
    expect(row.notices.map((n) => n.kind)).toEqual(['non_acceptance']);

    const { pi: pi2, number: number2 } = await register(b, {
      subject: '对执行裁定不服',
      receivingUnitCode: 'court',
    });
    await b.complete('court', 'Task_Classify', pi2, {
      classification: 'litigation',
      classificationReason: '属于对执行裁定不服的涉诉事项',
      routeAdvice: '可依法向执行法院提出执行异议',
    });
    await b.ended(pi2);
    expect((await petition(b, number2)).status).toBe('diverted_to_litigation');

    const mails = await b.mails();
    expect(mails.map((m) => m.mail.subject)).toEqual([
      expect.stringMatching(new RegExp(`^【催办提醒】信访事项受理告知（${number}）将于`)),
      `【不予受理告知书】${number} 胜诉后货款迟迟未执行到位`,
      `【不予受理告知书】${number2} 对执行裁定不服`,
    ]);
    expect(recipients(mails[1]).to).toContain('procuratorate@zhuanban.invalid');
    expect(mails[1].mail.text).toContain('理由：所反映事项已经人民法院生效判决处理');
    expect(mails[1].mail.text).toContain('可依法向作出生效判决的人民法院申请再审');
    expect(mails[2].mail.text).toContain('导入法律程序');
  });

  it('is forwarded to a member unit, which accepts it and replies; forwarded outside the task force it ends', async () => {
    const { pi, number } = await register(b, { channel: 'line_110', receivingUnitCode: 'police' });
    await b.complete('police', 'Task_Classify', pi, {
      classification: 'forward',
      classificationReason: '属于人民法院执行工作职责范围',
      forwardToUnitCode: 'court',
    });
    const task = await b.task('court', 'Task_Classify', pi);
    expect(task.candidateGroups).toEqual(['court']);
    expect(await b.inbox('police', pi)).toEqual([]);
    await accepted(b, 'court', pi);
    await replyAndSign(b, 'court', pi, { returnOnce: true });
    await visit(b, 'court', pi, 'satisfied');
    await b.ended(pi);
    const row = await petition(b, number);
    expect(row).toMatchObject({ status: 'closed', handlingUnit: { code: 'court' } });
    expect(row.notices.map((n) => n.kind)).toEqual(['forward', 'acceptance']);

    const out = await register(b, { receivingUnitCode: 'justice', subject: '企业产品质量纠纷' });
    await b.complete('justice', 'Task_Classify', out.pi, {
      classification: 'forward',
      classificationReason: '属于市场监管部门职责',
      forwardToUnitCode: 'external',
      forwardToOrgan: '区市场监督管理局',
    });
    await b.ended(out.pi);
    expect((await petition(b, out.number)).status).toBe('forwarded');

    const mails = await b.mails();
    const forward = bySubject(mails, `【转送告知书】${number}`)[0];
    expect(recipients(forward).to).toContain('police@zhuanban.invalid');
    expect(recipients(forward).cc).toContain('court@zhuanban.invalid');
    expect(forward.mail.text).toContain('已转送该单位办理');
    expect(bySubject(mails, `【受理告知书】${number}`)).toHaveLength(1);
    expect(bySubject(mails, `【答复意见书】${number}`)).toHaveLength(1);
    expect(bySubject(mails, `【转送告知书】${out.number}`)[0].mail.text).toContain('区市场监督管理局');
  });

  it('gets a simple reply: accepted, drafted, signed, delivered, visited; the deadline watch ends', async () => {
    const { pi, number } = await register(b);
    await accepted(b, 'court', pi);
    await replyAndSign(b, 'court', pi);
    await b.task('court', 'Task_FollowUp', pi);
    expect(await variable(b, pi, 'replyDelivered')).toBe(true);
    await visit(b, 'court', pi, 'satisfied');
    await b.ended(pi);
    const row = await petition(b, number);
    expect(row).toMatchObject({
      status: 'closed',
      overdueAt: null,
      satisfaction: { rating: 'satisfied', visitMethod: 'phone' },
      resolutionOutcome: 'resolved',
      resolutionNote: null,
      resolutionRecordedAt: expect.any(Date),
    });
    expect(row.reply).toMatchObject({
      stance: 'support',
      deliveredAt: expect.any(Date),
      publishedText: null,
    });
    const mails = await b.mails();
    expect(mails.map((m) => m.mail.subject)).toEqual([
      `【受理告知书】${number} 胜诉后货款迟迟未执行到位`,
      `【答复意见书】${number} 胜诉后货款迟迟未执行到位`,
    ]);
    expect(mails[0].mail.text).toContain('涉企投诉优先、快速办理的要求，自受理之日起30日内办结'); // an enterprise's
    expect(mails[1].mail.text).toContain('执行款将于近期发放');
    expect(mails[1].mail.text).toContain('救济途径');
  });

  it('gets a public reply with consent: participants notified at least 3 days ahead, a public notice, the review route when unsatisfied', async () => {
    const t0 = b.now();
    const { pi, number } = await register(b, {
      subject: '账户被超范围冻结',
      enterpriseName: '南麓文旅发展有限公司',
    });
    await accepted(b, 'court', pi, 'complex');
    const signed = await uploadedScan(b.db, 'court', '联系人甲同意书.pdf');
    await b.complete('court', 'Task_AskConsent', pi, {
      parties: [
        { ...party('联系人甲', 'petitioner', 'given', dateOf(t0)), partyDocument: [signed] },
        party('某贸易有限公司', 'opposing_party', 'given', dateOf(t0), 'phone'),
      ],
      consentNote: '已签署同意书',
    });
    const asked = t0 + DAY + 5.5 * 3600_000; // tomorrow 14:30: too soon to notify anyone 3 days ahead
    await b.complete('court', 'Task_PrepareSession', pi, {
      sessionAt: isoOf(asked),
      sessionVenue: '区法院诉讼服务中心第一会议室',
      inviteeCategories: ['npc-deputy', 'lawyer', 'committee-staff'],
      invitees: '人大代表甲；律师乙；政法委工作人员丙',
      sessionIsOpen: true,
      publicNoticeText: '欢迎关心此事的企业代表旁听。',
    });
    const session = await b.until('participants notified', async () => {
      const s = (await petition(b, number)).session;
      return s?.participantsNotifiedAt && s;
    });
    const lead = session.scheduledAt.getTime() - session.participantsNotifiedAt!.getTime();
    expect(lead).toBeGreaterThanOrEqual(3 * DAY - 6 * 3600_000); // the 3rd day before, same time of day or earlier
    expect(session.scheduledAt.getTime()).toBeGreaterThan(asked);
    expect(isoOf(session.scheduledAt.getTime()).slice(11, 16)).toBe('14:30');
    expect(session.publicNoticeAt).not.toBeNull();
    expect(await variable(b, pi, 'sessionAt')).toBe(isoOf(session.scheduledAt.getTime()));
    expect(await b.inbox('court', pi)).toEqual([]); // waiting for the session

    await b.pin(session.scheduledAt.getTime());
    await b.complete('court', 'Task_SessionRecord', pi, {
      sessionHeldAt: isoOf(session.scheduledAt.getTime()),
      factsAndReply: '逐项说明冻结范围及依据',
      inviteeComments: '人大代表甲认为答复合法合理',
      petitionerStatement: '保留意见',
    });
    await replyAndSign(b, 'court', pi, {
      draft: {
        stance: 'explain',
        replyContent: '冻结范围符合法律规定，已解除超出部分。',
        legalBasis: '《最高人民法院关于人民法院民事执行中查封、扣押、冻结财产的规定》',
        reviewRoute: '可向上一级法院请求复查',
        publishReply: true,
        publishedText: '某公司反映账户被超范围冻结一案，经公开答复……（已去除个人信息和商业秘密）',
      },
    });
    await visit(b, 'court', pi, 'unsatisfied', 'partially_resolved');
    await b.ended(pi);

    const row = await petition(b, number);
    expect(row).toMatchObject({
      consentGiven: true,
      status: 'closed',
      satisfaction: { rating: 'unsatisfied', reviewRouteTold: true },
      // the outcome is recorded on its own, beside the rating
      resolutionOutcome: 'partially_resolved',
      resolutionNote: '部分诉求需待执行程序终结后处理',
    });
    expect(row.session?.record).toContain('信访人最后陈述：保留意见');
    expect(row.reply?.publishedText).toContain('已去除个人信息和商业秘密');
    expect(row.notices.map((n) => n.kind)).toEqual(['acceptance', 'review_route']);

    const mails = await b.mails();
    const invitation = bySubject(mails, '【公开答复邀请】')[0];
    expect(invitation.mail.text).toContain('人大代表甲、律师乙、政法委工作人员丙');
    expect(recipients(invitation).to).toContain('court@zhuanban.invalid');
    expect(recipients(invitation).cc).toContain('coordinator@zhuanban.test');
    expect(bySubject(mails, '【公告】')[0].mail.text).toContain('欢迎关心此事的企业代表旁听');
    const review = bySubject(mails, `【复查复核途径告知】${number}`)[0];
    expect(review.mail.text).toContain('30日内');
    expect(review.mail.text).toContain('复核意见为最终结论');
  });

  it('is answered the ordinary way when one party refuses: no public reply session, every answer on record', async () => {
    const { pi, number } = await register(b);
    await accepted(b, 'court', pi, 'complex');
    const day = dateOf(b.now());
    const signed = await uploadedScan(b.db, 'court', '联系人甲意见书.pdf');
    await b.complete('court', 'Task_AskConsent', pi, {
      parties: [
        { ...party('联系人甲', 'petitioner', 'given', day), partyDocument: [signed] },
        {
          ...party('某贸易有限公司', 'opposing_party', 'refused', day, 'phone'),
          partyNote: '电话录音已存档',
          partyRefusalReason: '不愿公开商业往来',
        },
        party('第三人丙', 'third_party', 'given', day, 'in_person'),
      ],
    });
    await b.task('court', 'Task_DraftReply', pi);
    expect(await variable(b, pi, 'allPartiesConsented')).toBe(false);
    expect(await variable(b, pi, 'publicReplyDeclinedReason')).toBe(
      '对方当事人“某贸易有限公司”不同意公开答复：不愿公开商业往来',
    );
    await replyAndSign(b, 'court', pi);
    await visit(b, 'court', pi, 'basically_satisfied');
    await b.ended(pi);
    const row = await petition(b, number);
    expect(row).toMatchObject({ consentGiven: false, session: null, status: 'closed' });
    const parties = await b.db.petitionParty.findMany({
      where: { petitionId: row.id },
      orderBy: { sequence: 'asc' },
    });
    expect(
      parties.map((p) => [p.name, p.role, p.consent, p.method, p.note, p.refusalReason, p.documentIds]),
    ).toEqual([
      ['联系人甲', 'petitioner', true, 'written', null, null, [signed]],
      ['某贸易有限公司', 'opposing_party', false, 'phone', '电话录音已存档', '不愿公开商业往来', null],
      ['第三人丙', 'third_party', true, 'in_person', null, null, null],
    ]);
    expect(await b.db.attachment.findUniqueOrThrow({ where: { id: signed } })).toMatchObject({
      petitionId: row.id,
    });
    const tasks = await b.rest.searchUserTasks({ filter: { processInstanceKey: pi } } as never);
    const elements = tasks.items.map((t) => t.elementId);
    expect(elements).toContain('Task_AskConsent');
    expect(elements).not.toContain('Task_PrepareSession');
    expect(elements).not.toContain('Task_SessionRecord');
    expect(await subjects()).toEqual([
      `【受理告知书】${number} 胜诉后货款迟迟未执行到位`,
      `【答复意见书】${number} 胜诉后货款迟迟未执行到位`,
    ]);
  });
});

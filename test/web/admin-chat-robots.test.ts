// The admin's group-chat robot of a unit through the real server: set, changed without repeating the secret,
// removed; the webhook token and the secret never come back in an answer or the audit log; bad input gets a
// specific Chinese error and changes nothing.
import { providers } from '../support/databases';
import { bootWeb, type TestWeb } from '../support/web-server';

describe.each(providers)('admin chat robots on %s', (provider) => {
  let web: TestWeb;
  beforeAll(async () => {
    web = await bootWeb({ provider });
  }, 60_000);
  afterAll(async () => {
    await web?.stop();
  });

  it('sets, changes and removes a unit robot without ever showing its token or secret', async () => {
    const admin = await web.signedIn('admin');
    const court = await web.database.db.unit.findUniqueOrThrow({ where: { code: 'court' } });
    const path = `/api/admin/units/${court.id}/chat-robot`;
    const token = 'c0ffee1234567890';
    const secret = 'SECtopsecretvalue';
    const set = await admin.send('PUT', path, {
      platform: 'dingtalk',
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${token}`,
      secret,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({
      platform: 'dingtalk',
      platformName: '钉钉',
      webhook: 'https://oapi.dingtalk.com/robot/send?access_token=c0****90',
      hasSecret: true,
      enabled: true,
    });
    // A change of the switch alone keeps the stored address and secret.
    const off = await admin.send('PUT', path, { platform: 'dingtalk', enabled: false });
    expect(off.body).toMatchObject({ hasSecret: true, enabled: false });
    const stored = await web.database.db.unitChatRobot.findUniqueOrThrow({ where: { unitId: court.id } });
    expect(stored).toMatchObject({
      secret,
      webhookUrl: `https://oapi.dingtalk.com/robot/send?access_token=${token}`,
    });
    const listed = await admin.send('GET', '/api/admin/chat-robots');
    const audit = await web.database.db.auditLog.findMany({ where: { entity: 'unitChatRobot' } });
    expect(audit.map((a) => a.action)).toEqual(['unitChatRobot.create', 'unitChatRobot.update']);
    for (const text of [JSON.stringify(set.body), JSON.stringify(listed.body), JSON.stringify(audit)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain(secret);
    }
    expect((await admin.send('DELETE', path)).status).toBe(204);
    expect(await web.database.db.unitChatRobot.count({ where: { unitId: court.id } })).toBe(0);
  });

  it.each([
    [{ platform: 'slack', webhookUrl: 'https://x.test/' }, 'platform', '请选择平台'],
    [{ platform: 'wecom' }, 'webhookUrl', '请填写 Webhook 地址'],
    [{ platform: 'wecom', webhookUrl: 'not a url' }, 'webhookUrl', '不是有效的网址'],
    [
      { platform: 'feishu', webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=x' },
      'webhookUrl',
      '这不是飞书群机器人',
    ],
    [
      { platform: 'wecom', webhookUrl: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send' },
      'webhookUrl',
      '缺少 key',
    ],
    [
      {
        platform: 'dingtalk',
        webhookUrl: 'https://oapi.dingtalk.com/robot/send?access_token=x',
        secret: 'abc',
      },
      'secret',
      'SEC 开头',
    ],
  ])('refuses %j naming %s, and changes nothing', async (body, field, message) => {
    const admin = await web.signedIn('admin');
    const police = await web.database.db.unit.findUniqueOrThrow({ where: { code: 'police' } });
    const auditBefore = await web.database.db.auditLog.count();
    const res = await admin.send<{ detail: string; errors?: { field: string }[] }>(
      'PUT',
      `/api/admin/units/${police.id}/chat-robot`,
      body,
    );
    expect(res.status).toBe(400);
    expect(res.body.detail).toContain(message);
    expect(res.body.errors?.map((e) => e.field)).toContain(field);
    expect(await web.database.db.unitChatRobot.count({ where: { unitId: police.id } })).toBe(0);
    expect(await web.database.db.auditLog.count()).toBe(auditBefore);
  });
});

// 管理 · 单位 · 群机器人: an admin sets a unit's 钉钉 / 企业微信 / 飞书 group robot, to which reminders, escalations
// and new tasks also go. The stored webhook and secret are never shown back: the page shows the masked address
// and whether a secret is set; an empty field keeps what is stored.
import { useState } from 'preact/hooks';
import { Dialog } from '../../components/dialog';
import { SelectField, TextField } from '../../components/fields';
import { Notice } from '../../components/states';
import { api } from '../../shell/api';
import { useSave } from './use-save';

export interface ChatRobot {
  unitId: number;
  platform: 'dingtalk' | 'wecom' | 'feishu';
  platformName: string;
  webhook: string;
  hasSecret: boolean;
  enabled: boolean;
}

const platforms = [
  { value: 'dingtalk', label: '钉钉（自定义机器人，加签）' },
  { value: 'wecom', label: '企业微信（群机器人）' },
  { value: 'feishu', label: '飞书（自定义机器人，签名校验）' },
];

const examples: Record<string, string> = {
  dingtalk: 'https://oapi.dingtalk.com/robot/send?access_token=…',
  wecom: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…',
  feishu: 'https://open.feishu.cn/open-apis/bot/v2/hook/…',
};

/** The robot cell of the units table: 钉钉 · 已加签, 停用, or 未配置. */
export function robotSummary(robot: ChatRobot | undefined): string {
  if (!robot) return '未配置';
  const signed = robot.platform === 'wecom' ? '' : robot.hasSecret ? ' · 已加签' : ' · 未加签';
  return `${robot.platformName}${signed}${robot.enabled ? '' : '（停用）'}`;
}

export function ChatRobotDialog({
  unit,
  robot,
  onClose,
  onSaved,
}: {
  unit: { id: number; shortName: string };
  robot: ChatRobot | undefined;
  onClose(): void;
  onSaved(): void;
}) {
  const [platform, setPlatform] = useState<string>(robot?.platform ?? 'dingtalk');
  const [webhookUrl, setWebhookUrl] = useState('');
  const [secret, setSecret] = useState('');
  const [enabled, setEnabled] = useState(robot?.enabled ?? true);
  const save = useSave({
    platform: '平台',
    enabled: '启用',
    webhookUrl: 'Webhook 地址',
    secret: platform === 'dingtalk' ? '加签密钥' : '签名校验密钥',
  });
  const keeps = robot?.platform === platform;
  const submit = async (e: Event) => {
    e.preventDefault();
    const body = {
      platform,
      enabled,
      ...(webhookUrl ? { webhookUrl } : {}),
      ...(secret && platform !== 'wecom' ? { secret } : {}),
    };
    if (await save.run(() => api.put(`/api/admin/units/${unit.id}/chat-robot`, body), '已保存')) onSaved();
  };
  const remove = async () => {
    if (await save.run(() => api.del(`/api/admin/units/${unit.id}/chat-robot`), '已删除')) onSaved();
  };
  return (
    <Dialog open title={`${unit.shortName} · 群机器人`} onClose={onClose}>
      <form onSubmit={submit}>
        {save.message?.kind === 'error' && <Notice kind="error">{save.message.text}</Notice>}
        <p class="muted">催办提醒、督办预警和新任务除发邮件外，也发到本单位的工作群，并附系统页面链接。</p>
        <SelectField label="平台" value={platform} onValue={setPlatform} options={platforms} />
        <TextField
          label="Webhook 地址"
          value={webhookUrl}
          onValue={setWebhookUrl}
          error={save.fields.webhookUrl}
          autocomplete="off"
          placeholder={examples[platform]}
          hint={keeps ? `当前：${robot?.webhook}（留空则保留）` : '从群设置 → 群机器人中复制完整地址'}
        />
        {platform !== 'wecom' && (
          <TextField
            label={platform === 'dingtalk' ? '加签密钥（SEC 开头）' : '签名校验密钥'}
            type="password"
            value={secret}
            onValue={setSecret}
            error={save.fields.secret}
            autocomplete="new-password"
            hint={keeps && robot?.hasSecret ? '已设置，不再显示；留空则保留' : '机器人安全设置中的密钥'}
          />
        )}
        <label class="check-line">
          <input
            type="checkbox"
            checked={enabled}
            onChange={(e) => setEnabled((e.target as HTMLInputElement).checked)}
          />
          启用
        </label>
        <div class="form-actions">
          <button type="submit" class="btn btn-primary" disabled={save.busy}>
            保存
          </button>
          {robot && (
            <button type="button" class="btn" disabled={save.busy} onClick={remove}>
              删除机器人
            </button>
          )}
          <button type="button" class="btn" onClick={onClose}>
            取消
          </button>
        </div>
      </form>
    </Dialog>
  );
}

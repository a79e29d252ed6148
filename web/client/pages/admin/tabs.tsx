// The admin section's own navigation: one tab per admin page.
import { SectionTabs } from '../../components/section-tabs';

const tabs = [
  { path: '/admin', label: '用户' },
  { path: '/admin/units', label: '单位与职务' },
  { path: '/admin/plan', label: '任务与指标' },
  { path: '/admin/calendars', label: '节假日与期限' },
  { path: '/admin/assessment', label: '考核规则' },
  { path: '/admin/audit', label: '操作日志' },
];

export function AdminTabs() {
  return <SectionTabs label="管理" tabs={tabs} />;
}

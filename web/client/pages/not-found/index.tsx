// The page for a URL the app does not know: says so and offers the way home.
import { Empty } from '../../components/states';
import { useTitle } from '../../shell/title';

export default function NotFoundPage() {
  useTitle('页面不存在');
  return (
    <Empty title="页面不存在" hint="链接可能有误，或者这条记录已不在您的查看范围内。">
      <a class="btn" href="/">
        返回首页
      </a>
    </Empty>
  );
}

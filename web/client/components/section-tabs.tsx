// The tabs of a section made of several pages (管理, 案件评查): one link per page, the open one marked current.
import { useLocation } from 'preact-iso/router';

export function SectionTabs({
  label,
  tabs,
}: {
  label: string;
  tabs: readonly { path: string; label: string }[];
}) {
  const { path } = useLocation();
  return (
    <nav class="tabs" aria-label={label}>
      {tabs.map((t) => (
        <a key={t.path} href={t.path} aria-current={path === t.path ? 'page' : undefined}>
          {t.label}
        </a>
      ))}
    </nav>
  );
}

// The head of a page: its title (also the document title), an optional line under it, and its actions.
import type { ComponentChildren } from 'preact';
import { useTitle } from '../shell/title';

export function PageHeader({
  title,
  subtitle,
  actions,
  documentTitle,
}: {
  title: ComponentChildren;
  subtitle?: ComponentChildren;
  actions?: ComponentChildren;
  documentTitle?: string;
}) {
  useTitle(documentTitle ?? (typeof title === 'string' ? title : undefined));
  return (
    <header class="page-header">
      <div>
        <h1>{title}</h1>
        {subtitle && <p class="page-subtitle">{subtitle}</p>}
      </div>
      {actions && <div class="page-actions">{actions}</div>}
    </header>
  );
}

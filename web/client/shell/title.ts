// The document title of a page: "页面 · 涉企维权工作专班", so tabs and bookmarks say where they lead.
import { useEffect } from 'preact/hooks';

export const appName = '涉企维权工作专班';

export function useTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · ${appName}` : appName;
  }, [title]);
}

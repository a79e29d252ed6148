// Links a library's stylesheet (form-js, bpmn-js) the first time a page that needs it is shown. The hashed
// URLs come from the build, in index.html's zb-styles meta; a <link> keeps the CSP free of inline styles.
const linked = new Map<string, Promise<void>>();

function styleUrls(): Record<string, string> {
  const meta = document.querySelector('meta[name="zb-styles"]');
  try {
    return JSON.parse(meta?.getAttribute('content') ?? '{}') as Record<string, string>;
  } catch {
    return {};
  }
}

export function linkStylesheet(name: 'form-js' | 'bpmn-js'): Promise<void> {
  let done = linked.get(name);
  if (!done) {
    const href = styleUrls()[name];
    done = new Promise<void>((resolve) => {
      if (!href) return resolve();
      const link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.onload = () => resolve();
      link.onerror = () => resolve();
      document.head.appendChild(link);
    });
    linked.set(name, done);
  }
  return done;
}

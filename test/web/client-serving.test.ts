// The web server serves the browser client: any page URL answers index.html (uncached) so links from mails
// open, hashed assets are cached for a year, API paths never fall through to the page, and the CSP keeps scripts
// to the site itself. HSTS and upgrade-insecure-requests follow TLS: a plain-HTTP LAN address must keep working.
import { ensureClientBuilt } from '../browser/support/system';
import { bootWeb, type TestWeb } from '../support/web-server';

describe('serving the client over plain HTTP', () => {
  let web: TestWeb;
  beforeAll(async () => {
    await ensureClientBuilt();
    web = await bootWeb();
  }, 60_000);
  afterAll(() => web?.stop());

  it('answers a deep page URL with the app page, uncached, under a strict CSP without HSTS', async () => {
    const res = await fetch(`${web.server.url}/tasks/2251799813685312`, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    const script = /<script type="module" src="(\/assets\/main-[A-Z0-9]+\.js)">/.exec(html);
    expect(script).not.toBeNull();
    expect(html).not.toMatch(/<script>(?!<)/); // no inline script
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers.get('strict-transport-security')).toBeNull();

    const asset = await fetch(`${web.server.url}${script![1]}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toMatch(/javascript/);
    expect(asset.headers.get('cache-control')).toContain('max-age=31536000');
    expect(asset.headers.get('cache-control')).toContain('immutable');
  });

  it('keeps API paths and missing assets out of the page fallback', async () => {
    const api = await fetch(`${web.server.url}/api/no-such-route`, { headers: { accept: 'text/html' } });
    expect(api.status).toBe(404);
    expect(api.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const asset = await fetch(`${web.server.url}/assets/missing-AAAA.js`);
    expect(asset.status).toBe(404);
    const json = await fetch(`${web.server.url}/tasks`, { headers: { accept: 'application/json' } });
    expect(json.status).toBe(404);
  });
});

describe('serving the client behind TLS', () => {
  let web: TestWeb;
  const saved = process.env.WEB_BASE_URL;
  beforeAll(async () => {
    process.env.WEB_BASE_URL = 'https://zhuanban.example.gov.cn';
    web = await bootWeb();
  }, 60_000);
  afterAll(async () => {
    if (saved === undefined) delete process.env.WEB_BASE_URL;
    else process.env.WEB_BASE_URL = saved;
    await web?.stop();
  });

  it('sends HSTS and upgrade-insecure-requests', async () => {
    const res = await fetch(`${web.server.url}/`, { headers: { accept: 'text/html' } });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    expect(res.headers.get('content-security-policy')).toContain('upgrade-insecure-requests');
  });
});

// The one configuration module: every wrong value is named with what is expected, all at once; secrets are
// masked when printed; README's configuration table lists exactly the variables the module checks.
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, assertConfig, checkConfig, describeConfig } from '../../domain/config/load';
import { variables } from '../../domain/config/variables';

it('names every wrong variable at once, with what is expected', () => {
  const { problems } = checkConfig({
    PORT: '70000',
    SMTP_URL: 'mail.example.org',
    LOG_LEVEL: 'verbose',
    WEEKLY_REPORT_CRON: 'every friday',
    SCHEDULE_TIMEZONE: 'Mars/Olympus',
    TRUST_PROXY: 'true',
    TLS_KEY_FILE: '/etc/zhuanban/key.pem',
    CAMUNDA_AUTH_STRATEGY: 'OAUTH',
    DATABASE_URL: 'mysql://x@y/z',
  });
  const byName = Object.fromEntries(problems.map((p) => [p.name, p.message]));
  expect(byName).toEqual({
    PORT: 'expected a port number 0–65535',
    SMTP_URL: 'expected a URL starting with smtp:// or smtps://',
    LOG_LEVEL: 'expected debug, info, warn or error',
    WEEKLY_REPORT_CRON: expect.stringContaining('expected a cron expression'),
    SCHEDULE_TIMEZONE: 'expected an IANA time zone such as Asia/Shanghai',
    TRUST_PROXY: expect.stringContaining('number of proxies'),
    TLS_CERT_FILE: 'must be set together with TLS_KEY_FILE',
    CAMUNDA_OAUTH_URL: 'required when CAMUNDA_AUTH_STRATEGY=OAUTH',
    ZEEBE_CLIENT_ID: 'required when CAMUNDA_AUTH_STRATEGY=OAUTH',
    ZEEBE_CLIENT_SECRET: 'required when CAMUNDA_AUTH_STRATEGY=OAUTH',
    DATABASE_URL: 'expected a URL starting with file:// or postgres:// or postgresql://',
  });
  expect(() => assertConfig({ PORT: 'x' })).toThrow(ConfigError);
  expect(() => assertConfig({ PORT: 'x' })).toThrow(/PORT: expected a port number/);
});

it('accepts the embedded defaults and a typical production setting', () => {
  expect(checkConfig({}).problems).toEqual([]);
  expect(
    checkConfig({
      ZEEBE_GRPC_ADDRESS: 'grpc://camunda:26500',
      ZEEBE_REST_ADDRESS: 'http://camunda:8080',
      DATABASE_URL: 'postgresql://zhuanban:s3cret@postgres:5432/zhuanban',
      SMTP_URL: 'smtp://mailer:pw@mail.example.org:587',
      WEB_BASE_URL: 'https://zhuanban.example.gov.cn',
      TRUST_PROXY: '1',
      PORT: '3000',
    }).problems,
  ).toEqual([]);
});

it('masks secrets when printing the configuration', () => {
  const printed = describeConfig({
    DATABASE_URL: 'postgresql://zhuanban:db-secret@postgres:5432/zhuanban',
    SMTP_URL: 'smtp://mailer:mail-secret@mail.example.org:587',
    ADMIN_PASSWORD: 'admin-secret-value',
    ZEEBE_CLIENT_SECRET: 'oauth-secret',
  });
  for (const secret of ['db-secret', 'mail-secret', 'admin-secret-value', 'oauth-secret'])
    expect(printed).not.toContain(secret);
  expect(printed).toContain('postgresql://zhuanban:****@postgres:5432/zhuanban');
  expect(printed).toMatch(/PORT\s+3000 {2}\(default\)/);
});

it('README lists exactly the variables the module checks, with their defaults', () => {
  const readme = fs.readFileSync(path.join(__dirname, '../../README.md'), 'utf8');
  const section = readme.slice(
    readme.indexOf('## Configuration'),
    readme.indexOf('## Production / scale-out'),
  );
  const rows = [...section.matchAll(/^\| `([A-Z0-9_]+)` \| (.+?) \|/gm)].map((m) => [m[1], m[2]]);
  expect(rows.map(([n]) => n)).toEqual(variables.map((v) => v.name));
  for (const [name, shown] of rows) {
    const v = variables.find((x) => x.name === name)!;
    expect([name, shown]).toEqual([name, v.default !== undefined ? `\`${v.default}\`` : '—']);
  }
});

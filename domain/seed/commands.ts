// The database set-up steps as commands with progress lines: migrate, seed (reference data and the admin
// account), demo (adds demo users, records and the 全市位次 / long-pending registers). Shared by
// `npx zhuanban migrate|seed|demo` and `npm run demo`.
import { openDatabase, type Database } from '../db/client';
import { seed } from './seed';
import { demoUsers, seedDemo } from './demo';
import { seedDemoRegisters } from './demo-registers';
import { seedDemoWeeks } from './demo-weeks';

export type Log = (line: string) => void;

async function migrated(log: Log): Promise<Database> {
  log('数据库：检查并执行迁移 …');
  const database = await openDatabase();
  const where = database.target.provider === 'sqlite' ? database.target.file : 'PostgreSQL';
  const m = database.migrated;
  log(
    `数据库：${where}，新执行迁移 ${m?.applied.length ?? 0} 个（${m?.applied.join(', ') || '无'}），此前已执行 ${m?.alreadyApplied ?? 0} 个`,
  );
  return database;
}

export async function runMigrate(log: Log = console.log): Promise<void> {
  const database = await migrated(log);
  await database.close();
}

async function seeded(log: Log): Promise<Database> {
  const database = await migrated(log);
  log('基础数据：写入缺少的单位、职务、任务清单、指标、节假日与期限规则 …');
  const report = await seed(database.db);
  const created = Object.entries(report.created).map(([k, n]) => `${k} ${n}`);
  log(`基础数据：新增 ${created.length ? created.join('，') : '无（已是最新）'}`);
  if (report.generatedAdminPassword) {
    log(`已创建管理员账户 admin，初始密码（仅显示这一次，请登录后修改）：${report.generatedAdminPassword}`);
  } else if (report.adminCreated) {
    log('已创建管理员账户 admin，密码取自 ADMIN_PASSWORD');
  }
  return database;
}

export async function runSeed(log: Log = console.log): Promise<void> {
  const database = await seeded(log);
  await database.close();
}

export async function runDemo(log: Log = console.log): Promise<void> {
  const database = await seeded(log);
  try {
    log('演示数据：写入演示用户和演示记录（虚构）…');
    const report = await seedDemo(database.db, { pastWeek: false });
    log(`演示数据：新增用户 ${report.usersCreated} 个，记录 ${report.recordsCreated} 条`);
    const history = await seedDemoWeeks(database.db);
    log(
      `演示数据：往周工作周报新增 ${history.weeks.length} 周（${history.weeks.join('、') || '无'}），推进会 ${history.meetings} 次`,
    );
    const registers = await seedDemoRegisters(database.db);
    log(`演示数据：全市位次与长期未结案件登记新增 ${registers} 条`);
    if (report.generatedPassword) {
      log(
        `演示用户（${demoUsers.map((u) => u.username).join('、')}）的密码（仅显示这一次）：${report.generatedPassword}`,
      );
    } else if (report.usersCreated > 0) {
      log('演示用户的密码取自 DEMO_PASSWORD');
    }
  } finally {
    await database.close();
  }
}

// The files a submitted form carries, in list rows too (a party's signed consent scan in the petition-consent
// form's `parties`): each must be an upload of the user's own unit, or the completion is refused naming the row;
// those it carries are the ones filed under the record. Real SQLite database and the project's form.
import fs from 'node:fs';
import path from 'node:path';
import { seed } from '../../domain/seed/seed';
import { checkFormFiles } from '../../web/server/attachments/access';
import { fileFieldPaths, readFormSchema } from '../../web/server/forms/form-schema';
import { freshDatabase, type TestDatabase } from '../support/databases';
import { uploadedScan } from '../support/scan-data';

let t: TestDatabase;
beforeAll(async () => {
  t = await freshDatabase('sqlite');
  await seed(t.db, { adminPassword: 'form-files-admin-password' });
}, 60_000);
afterAll(() => t?.destroy());

const consentForm = readFormSchema(
  fs.readFileSync(path.join(__dirname, '../../processes/forms/petition-consent.form'), 'utf8'),
)!;

it('checks the scans in every party row against the user unit and returns them all', async () => {
  expect(fileFieldPaths(consentForm)).toEqual(['parties[].partyDocument']);
  const court = await t.db.unit.findUniqueOrThrow({ where: { code: 'court' } });
  const courtUser = { userId: 1, username: 'court.user', role: 'unit-user' as const, unitId: court.id };
  const [first, second, other] = [
    await uploadedScan(t.db, 'court', '甲.pdf'),
    await uploadedScan(t.db, 'court', '乙.pdf'),
    await uploadedScan(t.db, 'police', '他单位.pdf'),
  ];
  const paths = fileFieldPaths(consentForm);
  const submitted = (ids: number[][]) => ({ parties: ids.map((partyDocument) => ({ partyDocument })) });

  expect(await checkFormFiles(t.db, courtUser, submitted([[first], [second]]), paths)).toEqual([
    first,
    second,
  ]);
  await expect(checkFormFiles(t.db, courtUser, submitted([[first], [other]]), paths)).rejects.toMatchObject({
    status: 400,
    detail: 'parties.1.partyDocument：附件不存在或不是本单位上传的',
  });
});

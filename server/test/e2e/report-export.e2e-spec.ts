import { chinaWallClock } from '@xjy/shared';
import ExcelJS from 'exceljs';
import { Report } from '../../src/modules/reports/report.entity';
import { startTestApp, TestApp } from '../support/test-app';
import { TEST_DRIVERS } from '../support/test-db';

const MINUTE = 60_000;
/** More than two of the export's database batches (1,000 reports each), and not a multiple of one. */
const N = 2345;

describe.each(TEST_DRIVERS)('XLSX export across database batches (%s)', (driver) => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp(driver);
    admin = (await t.loginAs('admin')).token;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('streams every report of the window once, in id order, with its own fields, and nothing outside the window', async () => {
    const repo = t.ds.getRepository(Report);
    const template = await repo.findOneOrFail({ where: {}, order: { id: 'ASC' } });
    // A window of its own, 300 days back, that no seeded report falls in.
    const start = new Date(Math.floor((Date.now() - 300 * 24 * 3600_000) / MINUTE) * MINUTE);
    const fields: Partial<Report> = { ...template };
    delete fields.id;
    const rows = Array.from({ length: N }, (_, i) => {
      const createdAt = new Date(start.getTime() + i * MINUTE);
      return repo.create({ ...fields, idempotencyKey: `export-batch-${i}`, description: `批量 #${i}`, status: 'submitted', createdAt, updatedAt: createdAt, acceptDueAt: createdAt, resolveDueAt: createdAt, acceptedAt: null, closedAt: null, outcome: null, rating: null, flaggedAt: null });
    });
    for (let i = 0; i < rows.length; i += 200) await repo.insert(rows.slice(i, i + 200));

    const from = new Date(start.getTime() - MINUTE).toISOString();
    const to = new Date(start.getTime() + N * MINUTE).toISOString();
    const res = await fetch(`${t.baseUrl}/api/reports/export.xlsx?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`, { headers: { authorization: `Bearer ${admin}` } });
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await res.arrayBuffer());
    const ws = wb.getWorksheet('随手拍')!;
    expect(ws.rowCount).toBe(N + 1);
    const ids: number[] = [];
    for (let r = 2; r <= N + 1; r++) {
      const row = ws.getRow(r);
      ids.push(row.getCell(1).value as number);
      const i = r - 2;
      expect(row.getCell(3).value).toBe(`批量 #${i}`);
      expect(row.getCell(8).value).toEqual(chinaWallClock(new Date(start.getTime() + i * MINUTE)));
    }
    expect(new Set(ids).size).toBe(N);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(wb.getWorksheet('指标')!.getRow(2).getCell(1).value).toBe('结案率');
  });
});

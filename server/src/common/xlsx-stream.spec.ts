import ExcelJS from 'exceljs';
import { PassThrough } from 'node:stream';
import { columnLetters, writeXlsx } from './xlsx-stream';

const collect = async (s: PassThrough) => {
  const chunks: Buffer[] = [];
  for await (const c of s) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
};

it('names columns as a spreadsheet does', () => {
  expect([0, 1, 25, 26, 27, 51, 52, 701, 702].map(columnLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA', 'ZZ', 'AAA']);
});

describe('writeXlsx', () => {
  it('writes a workbook a spreadsheet reads: escaped text, numbers, China wall-clock dates, bold frozen header, widths', async () => {
    const out = new PassThrough();
    const done = collect(out);
    const rows = (async function* () {
      yield [[1, ' <a> & "b" \u0001', new Date(Date.UTC(2026, 10, 2, 0, 0))]];
      yield [
        [2, null, undefined],
        [3, '', new Date(Date.UTC(2026, 10, 2, 8, 30))],
      ];
    })();
    await writeXlsx(out, [
      { name: '表一', columns: [{ header: '编号', width: 8 }, { header: '描述', width: 40 }, { header: '时间', width: 18 }], freezeHeader: true, rows },
      { name: 'B&C', columns: [{ header: 'x', width: 5 }], rows: [[[0.25]]] },
    ], '测试 & 作者');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await done) as unknown as ArrayBuffer);
    expect(wb.creator).toBe('测试 & 作者');
    expect(wb.worksheets.map((w) => w.name)).toEqual(['表一', 'B&C']);
    const ws = wb.getWorksheet('表一')!;
    expect(ws.rowCount).toBe(4);
    expect(ws.getRow(1).values).toEqual([undefined, '编号', '描述', '时间']);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.getRow(2).getCell(2).value).toBe(' <a> & "b" ');
    expect(ws.getRow(2).getCell(3).value).toEqual(new Date(Date.UTC(2026, 10, 2, 0, 0)));
    expect(ws.getRow(2).getCell(3).numFmt).toBe('yyyy-mm-dd hh:mm');
    expect(ws.getRow(3).getCell(2).value).toBeNull();
    expect(ws.getRow(4).getCell(3).value).toEqual(new Date(Date.UTC(2026, 10, 2, 8, 30)));
    expect(ws.getColumn(2).width).toBe(40);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(wb.getWorksheet('B&C')!.getRow(2).getCell(1).value).toBe(0.25);
  });
});

import type { Writable } from 'node:stream';
import { escapeXml } from './xml-text';
import { ZipStreamWriter } from './zip-stream';

/** A cell: text, a number, a time (a Date whose UTC fields are the wall clock to show, as yyyy-mm-dd hh:mm), or empty. */
export type XlsxCell = string | number | Date | null | undefined;

export interface XlsxColumn {
  header: string;
  /** Width in characters. */
  width: number;
}

export interface XlsxSheet {
  name: string;
  columns: XlsxColumn[];
  /** Keeps the header row in view while scrolling. */
  freezeHeader?: boolean;
  /** The rows below the header, in chunks; read only as fast as the file is sent. */
  rows: Iterable<XlsxCell[][]> | AsyncIterable<XlsxCell[][]>;
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Cell styles (cellXfs in styles.xml): 0 plain, 1 date and time, 2 bold header. */
const STYLE_DATE = 1;
const STYLE_HEADER = 2;
/** Days from Excel's day 0 (1899-12-30) to 1970-01-01. */
const EXCEL_EPOCH_DAYS = 25569;

const STYLES = `${HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

/** A, B, … Z, AA, AB, …: the letters of a 0-based column index. */
export function columnLetters(i: number): string {
  let s = '';
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

function cellXml(ref: string, v: XlsxCell, style = 0): string {
  if (v === null || v === undefined || v === '') return '';
  const s = style ? ` s="${style}"` : '';
  if (v instanceof Date) {
    const serial = v.getTime() / 86_400_000 + EXCEL_EPOCH_DAYS;
    return Number.isFinite(serial) ? `<c r="${ref}" s="${STYLE_DATE}"><v>${serial}</v></c>` : '';
  }
  if (typeof v === 'number') return Number.isFinite(v) ? `<c r="${ref}"${s}><v>${v}</v></c>` : '';
  const text = escapeXml(v);
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${s} t="inlineStr"><is><t${space}>${text}</t></is></c>`;
}

async function* sheetXml(sheet: XlsxSheet, first: boolean): AsyncGenerator<string> {
  const letters = sheet.columns.map((_, i) => columnLetters(i));
  const pane = sheet.freezeHeader ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' : '';
  const cols = sheet.columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"/>`).join('');
  const header = sheet.columns.map((c, i) => cellXml(`${letters[i]}1`, c.header, STYLE_HEADER)).join('');
  yield `${HEAD}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetViews><sheetView${first ? ' tabSelected="1"' : ''} workbookViewId="0">${pane}</sheetView></sheetViews>\
<sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData><row r="1">${header}</row>`;
  let r = 1;
  for await (const chunk of sheet.rows) {
    let xml = '';
    for (const row of chunk) {
      r++;
      xml += `<row r="${r}">`;
      for (let i = 0; i < letters.length; i++) xml += cellXml(`${letters[i]}${r}`, row[i]);
      xml += '</row>';
    }
    yield xml;
  }
  yield '</sheetData></worksheet>';
}

/**
 * Writes an XLSX workbook onto `out` as it goes: the parts a spreadsheet needs (content types, relationships,
 * styles with a date format and a bold header, one worksheet per sheet with inline strings), each sheet's rows read
 * from its source only as fast as the client takes the file. Ends `out`; rejects when the client goes away.
 */
export async function writeXlsx(out: Writable, sheets: XlsxSheet[], creator: string): Promise<void> {
  const zip = new ZipStreamWriter(out);
  const n = sheets.length;
  const sheetPath = (i: number) => `xl/worksheets/sheet${i + 1}.xml`;
  await zip.add('[Content_Types].xml', [
    `${HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>\
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
${sheets.map((_, i) => `<Override PartName="/${sheetPath(i)}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}</Types>`,
  ]);
  await zip.add('_rels/.rels', [
    `${HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>\
<Relationship Id="rId2" Type="${PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`,
  ]);
  await zip.add('docProps/core.xml', [
    `${HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" \
xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>${escapeXml(creator)}</dc:creator>\
<dcterms:created xsi:type="dcterms:W3CDTF">${new Date().toISOString().slice(0, 19)}Z</dcterms:created></cp:coreProperties>`,
  ]);
  await zip.add('xl/workbook.xml', [
    `${HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView activeTab="0"/></bookViews><sheets>\
${sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('')}</sheets></workbook>`,
  ]);
  await zip.add('xl/_rels/workbook.xml.rels', [
    `${HEAD}<Relationships xmlns="${PKG_REL}">${sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join('')}\
<Relationship Id="rId${n + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`,
  ]);
  await zip.add('xl/styles.xml', [STYLES]);
  for (let i = 0; i < n; i++) await zip.add(sheetPath(i), sheetXml(sheets[i], i === 0));
  await zip.finish();
}

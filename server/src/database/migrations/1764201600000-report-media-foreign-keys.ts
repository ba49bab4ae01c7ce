import { MigrationInterface, QueryRunner, TableForeignKey } from 'typeorm';

interface Key {
  table: string;
  column: string;
  references: string;
}

/**
 * Every reference the report and media tables hold, plus the ledger's actor. All RESTRICT: the app deletes no user,
 * category, department, station, report or photo (categories and departments are archived), so nothing may
 * cascade; an area is the one thing that can be deleted, and now not while a report is in it.
 * Not keys: media.attachedId (a report, a report's resolution or a station, by attachedType),
 * points_entry.sourceId (by sourceType), station.photoMediaIds (a JSON list).
 */
const KEYS: Key[] = [
  { table: 'media', column: 'ownerId', references: 'user' },
  { table: 'report', column: 'reporterId', references: 'user' },
  { table: 'report', column: 'categoryId', references: 'report_category' },
  { table: 'report', column: 'areaId', references: 'area' },
  { table: 'report', column: 'stationId', references: 'station' },
  { table: 'report', column: 'departmentId', references: 'department' },
  { table: 'report', column: 'duplicateOfId', references: 'report' },
  { table: 'report_event', column: 'reportId', references: 'report' },
  { table: 'report_event', column: 'actorId', references: 'user' },
  { table: 'report_witness', column: 'reportId', references: 'report' },
  { table: 'report_witness', column: 'userId', references: 'user' },
  { table: 'message', column: 'userId', references: 'user' },
  { table: 'message', column: 'reportId', references: 'report' },
  { table: 'subscribe_consent', column: 'userId', references: 'user' },
  { table: 'points_entry', column: 'actorId', references: 'user' },
];

const TABLES = [...new Set(KEYS.map((k) => k.table))];

/** Foreign keys on the report and media tables, which so far kept their integrity in the services only. */
export class ReportMediaForeignKeys1764201600000 implements MigrationInterface {
  name = 'ReportMediaForeignKeys1764201600000';

  async up(q: QueryRunner): Promise<void> {
    // Until now an area could be deleted under its reports; such a report moves to the nearest area left on its path.
    await moveReportsOfDeletedAreas(q);
    // Anything else pointing nowhere has no safe repair: say what, and change nothing. (MySQL would refuse the key
    // with an opaque error; SQLite, whose keys are off while migrating, would take it and leave the rows broken.)
    const broken: string[] = [];
    for (const k of KEYS) {
      const found = await orphans(q, k);
      if (!found.length) continue;
      const rows = found.reduce((n, f) => n + f.rows, 0);
      const ids = found.map((f) => f.missing).sort((x, y) => x - y);
      broken.push(`${k.table}.${k.column}: ${rows} row(s) name ${k.references} ids that do not exist (${ids.slice(0, 20).join(', ')}${ids.length > 20 ? ', …' : ''})`);
    }
    if (broken.length) throw new Error(`Cannot add foreign keys: these rows point at nothing; fix them and start again.\n${broken.join('\n')}`);

    for (const table of TABLES) {
      const keys = KEYS.filter((k) => k.table === table).map(
        (k) => new TableForeignKey({ columnNames: [k.column], referencedTableName: k.references, referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
      );
      await q.createForeignKeys(table, keys);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of TABLES) {
      const t = await q.getTable(table);
      if (!t) continue;
      const ours = t.foreignKeys.filter((fk) => KEYS.some((k) => k.table === table && fk.columnNames.length === 1 && fk.columnNames[0] === k.column && fk.referencedTableName === k.references));
      if (ours.length) await q.dropForeignKeys(t, ours);
    }
  }
}

/** The values of the column that name no row of the referenced table, with how many rows hold each. */
async function orphans(q: QueryRunner, k: Key): Promise<Array<{ missing: number; rows: number }>> {
  const e = (name: string) => q.connection.driver.escape(name);
  const rows = await q.manager
    .createQueryBuilder()
    .select(`c.${e(k.column)}`, 'missing')
    .addSelect('COUNT(*)', 'rows')
    .from(k.table, 'c')
    .leftJoin(k.references, 'p', `p.${e('id')} = c.${e(k.column)}`)
    .where(`c.${e(k.column)} IS NOT NULL`)
    .andWhere(`p.${e('id')} IS NULL`)
    .groupBy(`c.${e(k.column)}`)
    .getRawMany<{ missing: number | string; rows: number | string }>();
  return rows.map((r) => ({ missing: Number(r.missing), rows: Number(r.rows) }));
}

async function moveReportsOfDeletedAreas(q: QueryRunner): Promise<void> {
  const e = (name: string) => q.connection.driver.escape(name);
  const lost = await q.manager
    .createQueryBuilder()
    .select(`r.${e('areaId')}`, 'areaId')
    .addSelect(`MAX(r.${e('areaPath')})`, 'areaPath')
    .from('report', 'r')
    .leftJoin('area', 'a', `a.${e('id')} = r.${e('areaId')}`)
    .where(`a.${e('id')} IS NULL`)
    .groupBy(`r.${e('areaId')}`)
    .getRawMany<{ areaId: number | string; areaPath: string }>();
  for (const { areaId, areaPath } of lost) {
    // The path names the area's ancestors root first, then the area itself.
    const ancestors = areaPath.split('/').filter(Boolean).map(Number).slice(0, -1).reverse();
    for (const id of ancestors) {
      const area = await q.manager.createQueryBuilder().select(`a.${e('path')}`, 'path').from('area', 'a').where(`a.${e('id')} = :id`, { id }).getRawOne<{ path: string }>();
      if (!area) continue;
      await q.manager.createQueryBuilder().update('report').set({ areaId: id, areaPath: area.path }).where(`${e('areaId')} = :lost`, { lost: Number(areaId) }).execute();
      break;
    }
  }
}

import { MigrationInterface, QueryRunner, Table, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './migration-columns';

/** Stations (爱心驿站 and service points) and the feedback workers send about them. */
export class Stations1763942400000 implements MigrationInterface {
  name = 'Stations1763942400000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'station',
        columns: [
          col.id(),
          col.varchar('code', 64, { nullable: true }),
          col.varchar('name', 64),
          col.varchar('kind', 24),
          col.varchar('hostUnit', 64, { default: "''" }),
          col.varchar('address', 128, { default: "''" }),
          col.double('lat'),
          col.double('lng'),
          col.text('amenities'),
          col.text('hours'),
          col.text('closures'),
          col.varchar('phone', 20, { nullable: true }),
          col.text('photoMediaIds'),
          col.varchar('status', 16, { default: "'active'" }),
          col.int('areaId'),
          col.datetime('lastConfirmedAt', { nullable: true }),
          col.createdAt(),
          col.updatedAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_station_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'idx_station_status', columnNames: ['status'] }),
          new TableIndex({ name: 'idx_station_area', columnNames: ['areaId'] }),
          new TableIndex({ name: 'idx_station_updated', columnNames: ['updatedAt'] }),
        ],
        foreignKeys: [new TableForeignKey({ columnNames: ['areaId'], referencedTableName: 'area', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'station_feedback',
        columns: [
          col.id(),
          col.int('stationId'),
          col.int('userId'),
          col.varchar('type', 24),
          col.varchar('note', 300, { default: "''" }),
          col.varchar('status', 16, { default: "'open'" }),
          col.varchar('resolution', 24, { nullable: true }),
          col.varchar('resolutionNote', 300, { nullable: true }),
          col.int('resolvedById', { nullable: true }),
          col.datetime('resolvedAt', { nullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_station_feedback_station', columnNames: ['stationId'] }),
          new TableIndex({ name: 'idx_station_feedback_status', columnNames: ['status', 'createdAt'] }),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['stationId'], referencedTableName: 'station', referencedColumnNames: ['id'], onDelete: 'CASCADE', onUpdate: 'NO ACTION' }),
          new TableForeignKey({ columnNames: ['userId'], referencedTableName: 'user', referencedColumnNames: ['id'], onDelete: 'RESTRICT', onUpdate: 'NO ACTION' }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('station_feedback');
    await q.dropTable('station');
  }
}

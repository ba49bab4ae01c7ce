import { MigrationInterface, QueryRunner, Table, TableColumn, TableForeignKey, TableIndex } from 'typeorm';
import { columns } from './migration-columns';

/**
 * Rider confirmations of stations, starred stations, service sessions at stations with their sign-ups, and a
 * priority on station feedback (high: raised by riders' "closed when it should be open" confirmations).
 */
export class StationConfirmations1764720000000 implements MigrationInterface {
  name = 'StationConfirmations1764720000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    const fk = (column: string, table: string, onDelete: 'CASCADE' | 'RESTRICT') =>
      new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete, onUpdate: 'NO ACTION' });
    await q.createTable(
      new Table({
        name: 'station_confirmation',
        columns: [
          col.id(),
          col.int('stationId'),
          col.int('userId'),
          col.double('lat'),
          col.double('lng'),
          col.int('distanceM'),
          col.boolean('open'),
          col.boolean('water'),
          col.boolean('charging'),
          col.boolean('closedWhenOpen', { default: 0 }),
          col.int('pointsAwarded', { default: 0 }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_station_confirmation_user', columnNames: ['userId', 'stationId', 'createdAt'] }),
          new TableIndex({ name: 'idx_station_confirmation_station', columnNames: ['stationId', 'createdAt'] }),
        ],
        foreignKeys: [fk('stationId', 'station', 'CASCADE'), fk('userId', 'user', 'RESTRICT')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'station_favorite',
        columns: [col.id(), col.int('userId'), col.int('stationId'), col.createdAt()],
        indices: [new TableIndex({ name: 'uq_station_favorite', columnNames: ['userId', 'stationId'], isUnique: true })],
        foreignKeys: [fk('stationId', 'station', 'CASCADE'), fk('userId', 'user', 'CASCADE')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'station_service',
        columns: [
          col.id(),
          col.int('stationId'),
          col.varchar('kind', 24),
          col.datetime('startsAt'),
          col.datetime('endsAt'),
          col.varchar('host', 64),
          col.varchar('note', 200, { default: "''" }),
          col.int('capacity', { nullable: true }),
          col.int('createdById'),
          col.datetime('cancelledAt', { nullable: true }),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_station_service_station', columnNames: ['stationId', 'startsAt'] })],
        foreignKeys: [fk('stationId', 'station', 'CASCADE'), fk('createdById', 'user', 'RESTRICT')],
      }),
    );
    await q.createTable(
      new Table({
        name: 'station_service_signup',
        columns: [col.id(), col.int('serviceId'), col.int('userId'), col.createdAt()],
        indices: [
          new TableIndex({ name: 'uq_station_service_signup', columnNames: ['serviceId', 'userId'], isUnique: true }),
          new TableIndex({ name: 'idx_station_service_signup_user', columnNames: ['userId'] }),
        ],
        foreignKeys: [fk('serviceId', 'station_service', 'CASCADE'), fk('userId', 'user', 'CASCADE')],
      }),
    );
    await q.addColumn('station_feedback', new TableColumn(col.varchar('priority', 8, { default: "'normal'" })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('station_feedback', 'priority');
    await q.dropTable('station_service_signup');
    await q.dropTable('station_service');
    await q.dropTable('station_favorite');
    await q.dropTable('station_confirmation');
  }
}

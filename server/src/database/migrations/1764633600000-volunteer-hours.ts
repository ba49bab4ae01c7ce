import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { columns } from './migration-columns';

/**
 * Volunteer hours and proxy suspicion. An activity gets the share a session must cover (percent), its 三会一课 kind
 * and when its hours were confirmed; a check-in gets sign-out, hours and their status, the client that sent it,
 * the reasons it waits for review (待核实) with the review, and the staff close of a forgotten sign-out.
 * New columns are snake_case: the statement feature reads signed_out_at, hours and hours_status by these names.
 */
export class VolunteerHours1764633600000 implements MigrationInterface {
  name = 'VolunteerHours1764633600000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.addColumns('activity', [
      new TableColumn(col.int('hours_threshold_pct', { default: 60 })),
      new TableColumn(col.varchar('meeting_kind', 24, { nullable: true })),
      new TableColumn(col.datetime('hours_confirmed_at', { nullable: true })),
      new TableColumn(col.int('hours_confirmed_by', { nullable: true })),
    ]);
    await q.addColumns('check_in', [
      new TableColumn(col.datetime('signed_out_at', { nullable: true })),
      new TableColumn(col.double('sign_out_lat', { nullable: true })),
      new TableColumn(col.double('sign_out_lng', { nullable: true })),
      new TableColumn(col.int('sign_out_distance_m', { nullable: true })),
      new TableColumn({ name: 'hours', type: 'decimal', precision: 6, scale: 2, isNullable: true }),
      new TableColumn(col.varchar('hours_status', 16, { nullable: true })),
      new TableColumn(col.datetime('hours_confirmed_at', { nullable: true })),
      new TableColumn(col.int('closed_by', { nullable: true })),
      new TableColumn(col.varchar('close_note', 200, { nullable: true })),
      new TableColumn(col.varchar('client_id', 64, { nullable: true })),
      new TableColumn(col.varchar('flags', 120, { nullable: true })),
      new TableColumn(col.varchar('review_status', 16, { nullable: true })),
      new TableColumn(col.int('reviewed_by', { nullable: true })),
      new TableColumn(col.datetime('reviewed_at', { nullable: true })),
      new TableColumn(col.varchar('review_note', 200, { nullable: true })),
    ]);
    await q.createIndex('check_in', new TableIndex({ name: 'idx_check_in_review', columnNames: ['review_status', 'activityId'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('check_in', 'idx_check_in_review');
    await q.dropColumns('check_in', [
      'review_note',
      'reviewed_at',
      'reviewed_by',
      'review_status',
      'flags',
      'client_id',
      'close_note',
      'closed_by',
      'hours_confirmed_at',
      'hours_status',
      'hours',
      'sign_out_distance_m',
      'sign_out_lng',
      'sign_out_lat',
      'signed_out_at',
    ]);
    await q.dropColumns('activity', ['hours_confirmed_by', 'hours_confirmed_at', 'meeting_kind', 'hours_threshold_pct']);
  }
}

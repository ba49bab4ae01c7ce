import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columns } from './migration-columns';

/**
 * What a check-in actually earned: volunteer points now have a daily cap, so it can be less than the activity's
 * points. Existing rows take what the ledger recorded for them.
 */
export class CheckInPointsAwarded1764288000000 implements MigrationInterface {
  name = 'CheckInPointsAwarded1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('check_in', new TableColumn(columns(q).int('pointsAwarded', { default: 0 })));
    await q.query(
      `UPDATE check_in SET pointsAwarded = COALESCE((SELECT SUM(p.delta) FROM points_entry p WHERE p.sourceType = 'check_in' AND p.sourceId = check_in.id AND p.userId = check_in.userId), 0)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('check_in', 'pointsAwarded');
  }
}

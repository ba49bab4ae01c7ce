import { MigrationInterface, QueryRunner, TableColumn } from 'typeorm';
import { columns } from './migration-columns';

/** Session revocation: every token carries the account's token version, and a bump ends all of them. */
export class UserTokenVersion1764374400000 implements MigrationInterface {
  name = 'UserTokenVersion1764374400000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('user', new TableColumn(columns(q).int('tokenVersion', { default: 0 })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('user', 'tokenVersion');
  }
}

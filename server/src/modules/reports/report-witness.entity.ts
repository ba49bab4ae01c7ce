import { CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';

/** "我也看到": one user confirming an open report, at most once. */
@Entity({ name: 'report_witness' })
export class ReportWitness {
  @PrimaryColumn({ type: 'int' })
  reportId: number;

  @PrimaryColumn({ type: 'int' })
  userId: number;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;
}

import { CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { timestampColumn } from '../../database/columns';
import { User } from '../users/user.entity';
import { Report } from './report.entity';

/** "我也看到": one user confirming an open report, at most once. */
@Entity({ name: 'report_witness' })
export class ReportWitness {
  @PrimaryColumn({ type: 'int' })
  reportId: number;

  @PrimaryColumn({ type: 'int' })
  userId: number;

  @CreateDateColumn(timestampColumn)
  createdAt: Date;

  @ManyToOne(() => Report, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'reportId' })
  report?: Report;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'userId' })
  user?: User;
}

import { ApiProperty } from '@nestjs/swagger';
import type { CreateStatementRequest } from '@xjy/shared';
import { IsString, Matches } from 'class-validator';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class CreateStatementDto implements CreateStatementRequest {
  @ApiProperty({ example: '2026-01-01', description: 'First China date of the period' })
  @IsString()
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  from!: string;

  @ApiProperty({ example: '2026-06-30', description: 'Last China date of the period (included)' })
  @IsString()
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  to!: string;
}

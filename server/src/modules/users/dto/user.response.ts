import { ApiProperty } from '@nestjs/swagger';
import { AreaRef, Role, ROLES, Trade, TRADES, UserResponse } from '@xjy/shared';

export class AreaRefDto implements AreaRef {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty()
  level!: string;

  @ApiProperty({ description: 'Materialized path, e.g. /1/4/17/' })
  path!: string;
}

export class UserResponseDto implements UserResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty({ enum: ROLES })
  role!: Role;

  @ApiProperty()
  nickname!: string;

  @ApiProperty({ type: String, nullable: true })
  username!: string | null;

  @ApiProperty({ enum: TRADES, nullable: true })
  trade!: Trade | null;

  @ApiProperty({ type: String, nullable: true })
  phone!: string | null;

  @ApiProperty({ type: String, nullable: true })
  employer!: string | null;

  @ApiProperty({ type: [AreaRefDto], description: 'For staff: the roots of the area subtrees they may act in' })
  scopes!: AreaRef[];

  @ApiProperty({ type: 'integer', nullable: true, description: "For a department handler: the department whose cases they handle" })
  departmentId!: number | null;

  @ApiProperty()
  pointsBalance!: number;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}

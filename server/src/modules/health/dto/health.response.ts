import { ApiProperty } from '@nestjs/swagger';
import { AppInfoResponse, DEMO_ACCOUNTS, DemoAccount, HealthResponse } from '@xjy/shared';

export class LivenessResponseDto {
  @ApiProperty({ enum: ['ok'] })
  status!: 'ok';
}

export class HealthResponseDto implements HealthResponse {
  @ApiProperty({ enum: ['ok', 'unavailable', 'draining'] })
  status!: 'ok' | 'unavailable' | 'draining';

  @ApiProperty({ enum: ['up', 'down'] })
  db!: 'up' | 'down';

  @ApiProperty({ enum: ['mysql', 'embedded'] })
  driver!: 'mysql' | 'embedded';

  @ApiProperty({ type: 'integer' })
  uptimeS!: number;
}

export class AppInfoResponseDto implements AppInfoResponse {
  @ApiProperty()
  name!: string;

  @ApiProperty()
  version!: string;

  @ApiProperty()
  devLogin!: boolean;

  @ApiProperty({ enum: DEMO_ACCOUNTS, isArray: true })
  demoAccounts!: DemoAccount[];

  @ApiProperty()
  wechatConfigured!: boolean;
}

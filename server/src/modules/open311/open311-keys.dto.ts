import { ApiProperty } from '@nestjs/swagger';
import { IssuedOpen311KeyResponse, IssueOpen311KeyRequest, OPEN311_CLIENT_NAME_MAX, Open311ClientResponse } from '@xjy/shared';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ListOf } from '../../common/api-errors.decorator';

export class IssueOpen311KeyDto implements IssueOpen311KeyRequest {
  @ApiProperty({ maxLength: OPEN311_CLIENT_NAME_MAX, example: '市 12345 热线平台' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(OPEN311_CLIENT_NAME_MAX)
  name: string;
}

export class Open311ClientDto implements Open311ClientResponse {
  @ApiProperty()
  id!: number;

  @ApiProperty()
  name!: string;

  @ApiProperty({ description: 'The first 12 characters of the key' })
  keyPrefix!: string;

  @ApiProperty()
  active!: boolean;

  @ApiProperty()
  createdAt!: string;

  @ApiProperty({ type: String, nullable: true })
  revokedAt!: string | null;

  @ApiProperty({ type: String, nullable: true })
  lastUsedAt!: string | null;
}

export class IssuedOpen311KeyDto extends Open311ClientDto implements IssuedOpen311KeyResponse {
  @ApiProperty({ description: 'Shown only here; the server keeps its SHA-256 only' })
  apiKey!: string;
}

export const Open311ClientListDto = ListOf(Open311ClientDto);

import { ApiPropertyOptional } from '@nestjs/swagger';
import { EMPLOYER_MAX, NICKNAME_MAX, PHONE_PATTERN, Trade, TRADES, UpdateMeRequest } from '@xjy/shared';
import { IsIn, IsNotEmpty, IsOptional, IsString, Matches, MaxLength, ValidateIf } from 'class-validator';

export class UpdateMeDto implements UpdateMeRequest {
  @ApiPropertyOptional({ maxLength: NICKNAME_MAX })
  @IsOptional()
  @IsString()
  @IsNotEmpty({ message: '昵称不能为空' })
  @MaxLength(NICKNAME_MAX, { message: `昵称最多 ${NICKNAME_MAX} 个字` })
  nickname?: string;

  @ApiPropertyOptional({ enum: TRADES })
  @IsOptional()
  @IsIn(TRADES)
  trade?: Trade;

  @ApiPropertyOptional({ type: String, nullable: true, description: 'Mainland mobile number, or null to remove it' })
  @ValidateIf((o: UpdateMeDto) => o.phone !== undefined && o.phone !== null)
  @IsString()
  @Matches(PHONE_PATTERN, { message: '手机号格式不正确' })
  phone?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: EMPLOYER_MAX, description: 'Platform or employer, or null to remove it' })
  @ValidateIf((o: UpdateMeDto) => o.employer !== undefined && o.employer !== null)
  @IsString()
  @MaxLength(EMPLOYER_MAX)
  employer?: string | null;
}

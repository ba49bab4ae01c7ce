import { ApiProperty } from '@nestjs/swagger';
import { DEMO_ACCOUNTS, DemoAccount, DevLoginRequest, PASSWORD_MAX, PasswordLoginRequest, USERNAME_MAX, WECHAT_CODE_MAX, WechatLoginRequest } from '@xjy/shared';
import { IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';

export class WechatLoginDto implements WechatLoginRequest {
  @ApiProperty({ description: 'The single-use code from wx.login' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(WECHAT_CODE_MAX)
  code: string;
}

export class PasswordLoginDto implements PasswordLoginRequest {
  @ApiProperty({ maxLength: USERNAME_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(USERNAME_MAX)
  username: string;

  @ApiProperty({ maxLength: PASSWORD_MAX })
  @IsString()
  @IsNotEmpty()
  @MaxLength(PASSWORD_MAX)
  password: string;
}

export class DevLoginDto implements DevLoginRequest {
  @ApiProperty({ enum: DEMO_ACCOUNTS })
  @IsIn(DEMO_ACCOUNTS)
  account: DemoAccount;
}

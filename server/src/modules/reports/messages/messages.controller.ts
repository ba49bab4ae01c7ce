import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { MessagePageResponse } from '@xjy/shared';
import { Access, SIGNED_IN, CurrentAuth } from '../../../common/auth/access.decorator';
import type { AuthContext } from '../../../common/auth/auth-context';
import { CursorQuery, SubscribeConsentDto } from './messages.dto';
import { MessagesService } from './messages.service';
import { ApiAuthErrors, ApiErrors } from '../../../common/api-errors.decorator';
import { MessagePageResponseDto } from './messages.response';

@ApiTags('messages')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('messages')
export class MessagesController {
  constructor(private readonly messages: MessagesService) {}

  @Get()
  @Access(SIGNED_IN)
  @ApiOkResponse({ type: MessagePageResponseDto })
  @ApiErrors(400)
  @ApiOperation({ summary: 'My in-app messages, newest first' })
  list(@CurrentAuth() auth: AuthContext, @Query() q: CursorQuery): Promise<MessagePageResponse> {
    return this.messages.page(auth.userId, q.cursor);
  }

  @Post('read')
  @HttpCode(204)
  @Access(SIGNED_IN)
  @ApiNoContentResponse({ description: 'Done' })
  @ApiErrors(429)
  @ApiOperation({ summary: 'Mark all my messages read' })
  read(@CurrentAuth() auth: AuthContext): Promise<void> {
    return this.messages.markAllRead(auth.userId);
  }

  @Post('subscribe-consent')
  @HttpCode(204)
  @Access(SIGNED_IN)
  @ApiNoContentResponse({ description: 'Done' })
  @ApiErrors(400, 429)
  @ApiOperation({ summary: 'Record what Taro.requestSubscribeMessage answered (one accepted consent = one message)' })
  consent(@CurrentAuth() auth: AuthContext, @Body() dto: SubscribeConsentDto): Promise<void> {
    return this.messages.consent(auth.userId, dto.templateId, dto.result);
  }
}

import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { StatementListResponse, StatementResponse } from '@xjy/shared';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { Access, ANY_USER, CurrentAuth, LoginThrottle, Public } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { CreateStatementDto } from './statements.dto';
import { StatementListResponseDto, StatementResponseDto } from './statements.response';
import { StatementsService } from './statements.service';

@ApiTags('statements')
@Controller('statements')
export class StatementsController {
  constructor(private readonly statements: StatementsService) {}

  @Post()
  @ApiBearerAuth()
  @ApiAuthErrors()
  @Access(ANY_USER)
  @ApiCreatedResponse({ type: StatementResponseDto })
  @ApiErrors(400, 409, 422, 429)
  @ApiOperation({ summary: 'Issue a statement of my points and confirmed volunteer hours for a period, with its verification code' })
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateStatementDto): Promise<StatementResponse> {
    return this.statements.create(auth.userId, dto.from, dto.to);
  }

  @Get()
  @ApiBearerAuth()
  @ApiAuthErrors()
  @Access(ANY_USER)
  @ApiOkResponse({ type: StatementListResponseDto })
  @ApiOperation({ summary: 'The statements I issued, newest first' })
  mine(@CurrentAuth() auth: AuthContext): Promise<StatementListResponse> {
    return this.statements.mine(auth.userId);
  }

  @Get(':code')
  @Public()
  // Per client address, like the login routes: a code has 100 random bits, and this keeps anyone from trying many.
  @LoginThrottle()
  @ApiOkResponse({ type: StatementResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Check a statement by its verification code (public): exactly what was issued, the name masked' })
  verify(@Param('code') code: string): Promise<StatementResponse> {
    return this.statements.verify(code);
  }
}

import { Body, Controller, Get, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { IssuedOpen311KeyResponse, ListResponse, Open311ClientResponse } from '@xjy/shared';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { Access, ADMIN } from '../../common/auth/access.decorator';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { IssueOpen311KeyDto, IssuedOpen311KeyDto, Open311ClientDto, Open311ClientListDto } from './open311-keys.dto';
import { Open311KeysService } from './open311-keys.service';

@ApiTags('admin')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('admin/open311-keys')
export class Open311KeysController {
  constructor(private readonly keys: Open311KeysService) {}

  @Get()
  @Access(ADMIN)
  @ApiOkResponse({ type: Open311ClientListDto })
  @ApiOperation({ summary: 'Open311 clients and their keys (prefix only) (admin)' })
  list(): Promise<ListResponse<Open311ClientResponse>> {
    return this.keys.list();
  }

  @Post()
  @Access(ADMIN)
  @ApiCreatedResponse({ type: IssuedOpen311KeyDto })
  @ApiErrors(429)
  @ApiOperation({ summary: 'Issue an Open311 API key to a named client; the key is in this answer only (admin)' })
  issue(@Body() dto: IssueOpen311KeyDto): Promise<IssuedOpen311KeyResponse> {
    return this.keys.issue(dto.name);
  }

  @Post(':id/revoke')
  @Access(ADMIN)
  @ApiOkResponse({ type: Open311ClientDto })
  @ApiErrors(404, 429)
  @ApiOperation({ summary: 'Revoke an Open311 API key; revoking twice is harmless (admin)' })
  revoke(@Param('id', ParseIdPipe) id: number): Promise<Open311ClientResponse> {
    return this.keys.revoke(id);
  }
}

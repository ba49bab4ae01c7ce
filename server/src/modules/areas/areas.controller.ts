import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AreaDetailResponse, AreaResponse, ListResponse } from '@xjy/shared';
import { Access, ADMIN, ANY_USER, CurrentAuth, STAFF } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { AreasService } from './areas.service';
import { CreateAreaDto, ListAreasQuery, UpdateAreaDto } from './dto/area.dto';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { AreaDetailResponseDto, AreaListDto } from './dto/area.response';

@ApiTags('areas')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('areas')
export class AreasController {
  constructor(private readonly areas: AreasService) {}

  @Get()
  @Access(ANY_USER)
  @ApiOkResponse({ type: AreaListDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Children of an area (top level without parentId)' })
  list(@Query() q: ListAreasQuery): Promise<ListResponse<AreaResponse>> {
    return this.areas.listChildren(q.parentId ?? null);
  }

  @Get(':id')
  @Access(ANY_USER)
  @ApiOkResponse({ type: AreaDetailResponseDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'One area with its boundary and ancestors' })
  get(@Param('id', ParseIdPipe) id: number): Promise<AreaDetailResponse> {
    return this.areas.get(id);
  }

  @Post()
  @Access(ADMIN)
  @ApiCreatedResponse({ type: AreaDetailResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Create an area (admin)' })
  create(@Body() dto: CreateAreaDto): Promise<AreaDetailResponse> {
    return this.areas.create(dto);
  }

  @Patch(':id')
  @Access(STAFF, { resource: 'area', from: 'param', key: 'id' })
  @ApiOkResponse({ type: AreaDetailResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Rename an area or redraw its boundary (staff in scope)' })
  @ApiOperation({
    summary: 'Rename an area or redraw its boundary (staff in scope)',
    description: 'A boundary lies within every ancestor boundary and holds every descendant boundary. District and street boundaries are the admin\'s; staff redraw communities and grids below their scope roots.',
  })
  update(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateAreaDto): Promise<AreaDetailResponse> {
    return this.areas.update(auth, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Access(ADMIN)
  @ApiNoContentResponse({ description: 'Done' })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Delete an area without children (admin)' })
  remove(@Param('id', ParseIdPipe) id: number): Promise<void> {
    return this.areas.remove(id);
  }
}

import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import '@fastify/multipart';
import {
  CoverageResponse,
  ListResponse,
  StationDetailResponse,
  StationFeedbackResponse,
  STATION_IMPORT_MAX_BYTES,
  StationImportReport,
  StationMapResponse,
} from '@xjy/shared';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Access, ANY_USER, CurrentAuth, STAFF } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { readSingleFile } from '../../common/multipart';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { CreateStationDto, FeedbackQueueQuery, ManagedStationsQuery, ResolveFeedbackDto, StationFeedbackDto, StationImportQuery, StationMapQuery, UpdateStationDto } from './dto/station.dto';
import { CoverageKindQuery } from './dto/coverage-kind.dto';
import { coverageRule } from './station-coverage';
import { StationImportService } from './station-import.service';
import { StationsService } from './stations.service';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { CoverageResponseDto, ManagedStationListDto, NearbyStationsResponseDto, StationDetailResponseDto, StationFeedbackListDto, StationFeedbackResponseDto, StationImportReportDto, StationMapClustersDto, StationMapPointsDto } from './dto/station.response';

const IN_SCOPE = { resource: 'station', from: 'param', key: 'id' } as const;

/** The upload limit the import had when it shared the multipart plugin's default. */

@ApiTags('stations')
@ApiBearerAuth()
@ApiAuthErrors()
@ApiExtraModels(NearbyStationsResponseDto, StationMapPointsDto, StationMapClustersDto)
@Controller('stations')
export class StationsController {
  constructor(
    private readonly stations: StationsService,
    private readonly imports: StationImportService,
  ) {}

  @Get()
  @Access(ANY_USER)
  @ApiOkResponse({ schema: { oneOf: [{ $ref: getSchemaPath(StationMapPointsDto) }, { $ref: getSchemaPath(StationMapClustersDto) }] } })
  @ApiErrors(400)
  @ApiOperation({ summary: 'Active stations in a map viewport; clusters with counts when there are too many' })
  map(@Query() q: StationMapQuery): Promise<StationMapResponse> {
    return this.stations.map(q.bbox);
  }

  @Get('managed')
  @Access(STAFF)
  @ApiOkResponse({ type: ManagedStationListDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Stations in my scope, any status, for editing (staff)' })
  managed(@CurrentAuth() auth: AuthContext, @Query() q: ManagedStationsQuery): Promise<ListResponse<StationDetailResponse> & { total: number }> {
    return this.stations.listManaged(auth, q);
  }

  @Get('export.xlsx')
  @Access(STAFF)
  @ApiOkResponse({ description: 'The spreadsheet', content: { 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: { type: 'string', format: 'binary' } } } })
  @ApiOperation({ summary: 'Stations in my scope as a spreadsheet in the import format (staff)' })
  async export(@CurrentAuth() auth: AuthContext, @Res({ passthrough: true }) reply: FastifyReply): Promise<Buffer> {
    const bytes = await this.imports.exportXlsx(auth);
    void reply
      .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
      .header('content-disposition', `attachment; filename="stations-${new Date().toISOString().slice(0, 10)}.xlsx"`);
    return bytes;
  }

  @Post('import')
  @HttpCode(200)
  @Access(STAFF)
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary', description: 'CSV (UTF-8) or XLSX with the export columns' } }, required: ['file'] } })
  @ApiOkResponse({ type: StationImportReportDto })
  @ApiErrors(400, 413, 415, 429)
  @ApiOperation({
    summary: 'Import stations from CSV or XLSX (staff): dryRun=true reports row errors; a real run writes all rows or none, matched by code',
    description: 'Coordinates are GCJ-02 unless a row says coord_system=wgs84, or coordSystem=wgs84 is given for rows that leave it empty; WGS-84 rows are converted to GCJ-02.',
  })
  async import(@Req() req: FastifyRequest, @CurrentAuth() auth: AuthContext, @Query() q: StationImportQuery): Promise<StationImportReport> {
    const bytes = await readSingleFile(req, 'file', STATION_IMPORT_MAX_BYTES);
    return this.imports.run(auth, bytes, q.dryRun === 'true', q.coordSystem ?? 'gcj02');
  }

  @Get('feedback')
  @Access(STAFF)
  @ApiOkResponse({ type: StationFeedbackListDto })
  @ApiErrors(400)
  @ApiOperation({ summary: 'Feedback about stations in my scope, oldest first (staff)' })
  feedbackQueue(@CurrentAuth() auth: AuthContext, @Query() q: FeedbackQueueQuery): Promise<ListResponse<StationFeedbackResponse>> {
    return this.stations.feedbackQueue(auth, q);
  }

  @Post('feedback/:id/resolve')
  @HttpCode(200)
  @Access(STAFF, { resource: 'station_feedback', from: 'param', key: 'id' })
  @ApiOkResponse({ type: StationFeedbackResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Resolve a feedback item; confirmed_correct stamps the station as confirmed today (staff in scope)' })
  resolve(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: ResolveFeedbackDto): Promise<StationFeedbackResponse> {
    return this.stations.resolveFeedback(auth, id, dto);
  }

  @Get('coverage')
  @Access(STAFF, { resource: 'area', from: 'query', key: 'areaId' })
  @ApiOkResponse({ type: CoverageResponseDto })
  @ApiErrors(400, 404, 409)
  @ApiOperation({ summary: 'Share of the area within reach of an active station of one kind (500 m for rest stations, a walking distance for the others), and the gaps (staff in scope)' })
  coverage(@CurrentAuth() auth: AuthContext, @Query() q: CoverageKindQuery): Promise<CoverageResponse> {
    return this.stations.coverage(q.areaId, auth.userId, coverageRule(q.kind, q.radiusM));
  }

  @Get(':id')
  @Access(ANY_USER)
  @ApiOkResponse({ type: StationDetailResponseDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'One station with hours, closures, photos and phone' })
  get(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StationDetailResponse> {
    return this.stations.get(auth, id);
  }

  @Post()
  @Access(STAFF, { resource: 'area', from: 'body', key: 'areaId' })
  @ApiCreatedResponse({ type: StationDetailResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Create a station in an area of my scope (staff)' })
  create(@CurrentAuth() auth: AuthContext, @Body() dto: CreateStationDto): Promise<StationDetailResponse> {
    return this.stations.create(auth, dto);
  }

  @Patch(':id')
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: StationDetailResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Edit a station (staff in scope)' })
  update(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: UpdateStationDto): Promise<StationDetailResponse> {
    return this.stations.update(auth, id, dto);
  }

  @Post(':id/suspend')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: StationDetailResponseDto })
  @ApiErrors(400, 404, 429)
  @ApiOperation({ summary: 'Suspend a station: it leaves the map and nearby at once (staff in scope)' })
  suspend(@Param('id', ParseIdPipe) id: number): Promise<StationDetailResponse> {
    return this.stations.setStatus(id, 'suspended');
  }

  @Post(':id/restore')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: StationDetailResponseDto })
  @ApiErrors(400, 404, 429)
  @ApiOperation({ summary: 'Restore a suspended station (staff in scope)' })
  restore(@Param('id', ParseIdPipe) id: number): Promise<StationDetailResponse> {
    return this.stations.setStatus(id, 'active');
  }

  @Post(':id/feedback')
  @Access(ANY_USER)
  @ApiCreatedResponse({ type: StationFeedbackResponseDto })
  @ApiErrors(400, 404, 429)
  @ApiOperation({ summary: 'Report a problem with a station (or praise it); it never changes the station itself' })
  feedback(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: StationFeedbackDto): Promise<StationFeedbackResponse> {
    return this.stations.feedback(auth, id, dto);
  }
}

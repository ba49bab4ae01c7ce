import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  ListResponse,
  MyStationServiceResponse,
  StationConfirmationResponse,
  StationDetailResponse,
  StationFavoriteResponse,
  StationServiceResponse,
} from '@xjy/shared';
import { ApiAuthErrors, ApiErrors } from '../../common/api-errors.decorator';
import { Access, ANY_USER, CurrentAuth, STAFF } from '../../common/auth/access.decorator';
import type { AuthContext } from '../../common/auth/auth-context';
import { ParseIdPipe } from '../../common/parse-id.pipe';
import { CreateStationServiceDto, StationConfirmationDto } from './dto/station-rider.dto';
import {
  MyStationServiceListDto,
  StationConfirmationResponseDto,
  StationDetailResponseDto,
  StationFavoriteResponseDto,
  StationServiceListDto,
  StationServiceResponseDto,
} from './dto/station.response';
import { StationConfirmationsService } from './station-confirmations.service';
import { StationFavoritesService } from './station-favorites.service';
import { StationServicesService } from './station-services.service';
import { StationsService } from './stations.service';

const IN_SCOPE = { resource: 'station', from: 'param', key: 'id' } as const;

/** What riders do at stations (confirm, star, sign up for services) and the staff side of it. */
@ApiTags('stations')
@ApiBearerAuth()
@ApiAuthErrors()
@Controller('stations')
export class StationRiderController {
  constructor(
    private readonly confirmations: StationConfirmationsService,
    private readonly favorites: StationFavoritesService,
    private readonly services: StationServicesService,
    private readonly stations: StationsService,
  ) {}

  @Get('services/mine')
  @Access(ANY_USER)
  @ApiOkResponse({ type: MyStationServiceListDto })
  @ApiOperation({ summary: '我的服务预约: my sign-ups for sessions not yet ended, soonest first; remindNow within 24 hours' })
  async mine(@CurrentAuth() auth: AuthContext): Promise<ListResponse<MyStationServiceResponse>> {
    return { items: await this.services.mine(auth) };
  }

  @Post('services/:id/signup')
  @HttpCode(200)
  @Access(ANY_USER)
  @ApiOkResponse({ type: StationServiceResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Sign up for a service session (once; again changes nothing)' })
  signUp(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StationServiceResponse> {
    return this.services.signUp(auth, id);
  }

  @Delete('services/:id/signup')
  @Access(ANY_USER)
  @ApiOkResponse({ type: StationServiceResponseDto })
  @ApiErrors(400, 404, 429)
  @ApiOperation({ summary: 'Withdraw my sign-up for a service session' })
  withdraw(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StationServiceResponse> {
    return this.services.withdraw(auth, id);
  }

  @Post('services/:id/cancel')
  @HttpCode(200)
  @Access(STAFF, { resource: 'station_service', from: 'param', key: 'id' })
  @ApiOkResponse({ type: StationServiceResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Cancel a service session (staff in scope)' })
  cancel(@Param('id', ParseIdPipe) id: number): Promise<StationServiceResponse> {
    return this.services.cancel(id);
  }

  @Post(':id/confirmations')
  @Access(ANY_USER)
  @ApiCreatedResponse({ type: StationConfirmationResponseDto })
  @ApiErrors(400, 404, 409, 422, 429)
  @ApiOperation({ summary: 'Confirm a station from within 100 m: open now? water? charging? Once per 6 hours per station; points within their daily cap' })
  confirm(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: StationConfirmationDto): Promise<StationConfirmationResponse> {
    return this.confirmations.confirm(auth, id, dto);
  }

  @Post(':id/verify')
  @HttpCode(200)
  @Access(STAFF, IN_SCOPE)
  @ApiOkResponse({ type: StationDetailResponseDto })
  @ApiErrors(400, 404, 429)
  @ApiOperation({ summary: 'Staff checked the station: it counts as confirmed now (staff in scope)' })
  async verify(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StationDetailResponse> {
    await this.confirmations.verify(id);
    return this.stations.get(auth, id);
  }

  @Post(':id/favorite')
  @HttpCode(200)
  @Access(ANY_USER)
  @ApiOkResponse({ type: StationFavoriteResponseDto })
  @ApiErrors(400, 404, 409, 429)
  @ApiOperation({ summary: 'Star a station: it comes first in my nearby list' })
  star(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StationFavoriteResponse> {
    return this.favorites.star(auth.userId, id);
  }

  @Delete(':id/favorite')
  @Access(ANY_USER)
  @ApiOkResponse({ type: StationFavoriteResponseDto })
  @ApiErrors(400, 404, 429)
  @ApiOperation({ summary: 'Unstar a station' })
  unstar(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<StationFavoriteResponse> {
    return this.favorites.unstar(auth.userId, id);
  }

  @Get(':id/services')
  @Access(ANY_USER)
  @ApiOkResponse({ type: StationServiceListDto })
  @ApiErrors(400, 404)
  @ApiOperation({ summary: 'Service sessions at a station not yet ended, soonest first (staff also see cancelled ones)' })
  async ofStation(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number): Promise<ListResponse<StationServiceResponse>> {
    return { items: await this.services.ofStation(auth, id, auth.role !== 'worker') };
  }

  @Post(':id/services')
  @Access(STAFF, IN_SCOPE)
  @ApiCreatedResponse({ type: StationServiceResponseDto })
  @ApiErrors(400, 404, 429)
  @ApiOperation({ summary: 'Schedule a service session at a station: kind, time, host (staff in scope)' })
  schedule(@CurrentAuth() auth: AuthContext, @Param('id', ParseIdPipe) id: number, @Body() dto: CreateStationServiceDto): Promise<StationServiceResponse> {
    return this.services.create(auth, id, dto);
  }
}

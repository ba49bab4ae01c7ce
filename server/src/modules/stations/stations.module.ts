import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { PointsModule } from '../points/points.module';
import { MediaModule } from '../media/media.module';
import { StationConfirmationsService } from './station-confirmations.service';
import { StationFavoritesService } from './station-favorites.service';
import { StationImportService } from './station-import.service';
import { StationRiderController } from './station-rider.controller';
import { StationRiderRepository } from './station-rider.repository';
import { StationServicesService } from './station-services.service';
import { loadStationsConfig, STATIONS_CONFIG } from './stations.config';
import { StationIndexService } from './station-index.service';
import { StationsController } from './stations.controller';
import { StationsNearbyPlainController } from './stations-nearby-plain.controller';
import { StationsNearbyRoute } from './stations-nearby.route';
import { StationsRepository } from './stations.repository';
import { StationsService } from './stations.service';

declare module '../../common/auth/scope-registry' {
  interface ScopedResources {
    station: undefined;
    station_feedback: undefined;
    station_service: undefined;
  }
}

/** The bench's plain-Nest twin of the nearby fast route exists only in a server the bench starts. */
const benchControllers = process.env.BENCH_PLAIN_NEARBY === '1' ? [StationsNearbyPlainController] : [];

@Module({
  imports: [AreasModule, MediaModule, PointsModule],
  controllers: [StationsController, StationRiderController, ...benchControllers],
  providers: [
    { provide: STATIONS_CONFIG, useFactory: () => loadStationsConfig(process.env) },
    StationsRepository,
    StationRiderRepository,
    StationIndexService,
    StationsService,
    StationImportService,
    StationsNearbyRoute,
    StationFavoritesService,
    StationConfirmationsService,
    StationServicesService,
  ],
  exports: [StationIndexService],
})
export class StationsModule {}

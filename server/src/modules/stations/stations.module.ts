import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { MediaModule } from '../media/media.module';
import { StationImportService } from './station-import.service';
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
  }
}

/** The bench's plain-Nest twin of the nearby fast route exists only in a server the bench starts. */
const benchControllers = process.env.BENCH_PLAIN_NEARBY === '1' ? [StationsNearbyPlainController] : [];

@Module({
  imports: [AreasModule, MediaModule],
  controllers: [StationsController, ...benchControllers],
  providers: [StationsRepository, StationIndexService, StationsService, StationImportService, StationsNearbyRoute],
  exports: [StationIndexService],
})
export class StationsModule {}

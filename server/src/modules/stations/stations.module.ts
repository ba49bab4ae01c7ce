import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { MediaModule } from '../media/media.module';
import { StationImportService } from './station-import.service';
import { StationIndexService } from './station-index.service';
import { StationsController } from './stations.controller';
import { StationsNearbyRoute } from './stations-nearby.route';
import { StationsRepository } from './stations.repository';
import { StationsService } from './stations.service';

declare module '../../common/auth/scope-registry' {
  interface ScopedResources {
    station: undefined;
    station_feedback: undefined;
  }
}

@Module({
  imports: [AreasModule, MediaModule],
  controllers: [StationsController],
  providers: [StationsRepository, StationIndexService, StationsService, StationImportService, StationsNearbyRoute],
  exports: [StationIndexService],
})
export class StationsModule {}

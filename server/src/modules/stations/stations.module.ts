import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { StationImportService } from './station-import.service';
import { StationIndexService } from './station-index.service';
import { StationsController } from './stations.controller';
import { StationsNearbyRoute } from './stations-nearby.route';
import { StationsRepository } from './stations.repository';
import { StationsService } from './stations.service';

@Module({
  imports: [AreasModule],
  controllers: [StationsController],
  providers: [StationsRepository, StationIndexService, StationsService, StationImportService, StationsNearbyRoute],
  exports: [StationIndexService],
})
export class StationsModule {}

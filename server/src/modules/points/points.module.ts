import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { PointsController } from './points.controller';
import { PointsLedger } from './points-ledger.repository';
import { PointsRepository } from './points.repository';
import { PointsService } from './points.service';

@Module({ imports: [AreasModule], controllers: [PointsController], providers: [PointsLedger, PointsRepository, PointsService], exports: [PointsLedger, PointsService] })
export class PointsModule {}

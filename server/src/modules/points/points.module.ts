import { Global, Module } from '@nestjs/common';
import { PointsController } from './points.controller';
import { PointsLedger } from './points.ledger';
import { PointsRepository } from './points.repository';
import { PointsService } from './points.service';

@Global()
@Module({ controllers: [PointsController], providers: [PointsLedger, PointsRepository, PointsService], exports: [PointsLedger, PointsService] })
export class PointsModule {}

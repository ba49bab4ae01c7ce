import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { APP_CONFIG } from '../../config/app.config';
import { AppMetrics, poolStatsOf } from './metrics';
import { MetricsController } from './metrics.controller';

/** Global: every feature may count its business events. */
@Global()
@Module({
  controllers: [MetricsController],
  providers: [{ provide: AppMetrics, inject: [getDataSourceToken(), APP_CONFIG], useFactory: (ds: DataSource) => new AppMetrics(() => poolStatsOf(ds)) }],
  exports: [AppMetrics],
})
export class MetricsModule {}

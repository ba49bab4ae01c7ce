import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../../config/app.config';
import { MediaModule } from '../media/media.module';
import { ReportsModule } from '../reports/reports.module';
import { Open311KeysController } from './open311-keys.controller';
import { Open311KeysService } from './open311-keys.service';
import { Open311FeedCache } from './open311-feed-cache';
import { Open311Controller } from './open311.controller';
import { Open311Repository } from './open311.repository';
import { Open311Service } from './open311.service';

/** Open311 GeoReport v2 (/open311/v2, outside /api) and the admin API that issues its keys. */
@Module({
  imports: [MediaModule, ReportsModule],
  controllers: [Open311Controller, Open311KeysController],
  providers: [
    Open311Repository,
    Open311Service,
    Open311KeysService,
    { provide: Open311FeedCache, inject: [APP_CONFIG], useFactory: (config: AppConfig) => new Open311FeedCache({ ttlMs: config.open311CacheS * 1000 }) },
  ],
})
export class Open311Module {}

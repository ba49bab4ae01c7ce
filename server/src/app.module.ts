import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './common/auth/access.guard';
import { AccessPolicy } from './common/auth/access.policy';
import { CommonModule } from './common/common.module';
import { GlobalExceptionFilter } from './common/global-exception.filter';
import { MetricsModule } from './common/metrics/metrics.module';
import { SharedThrottlerStorage } from './common/redis/redis-store';
import { AppThrottlerGuard } from './common/throttle.guard';
import { AppConfig } from './config/app.config';
import { resolveDataSourceOptions } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { ActivitiesModule } from './modules/activities/activities.module';
import { AreasModule } from './modules/areas/areas.module';
import { AuthModule } from './modules/auth/auth.module';
import { HealthModule } from './modules/health/health.module';
import { Open311Module } from './modules/open311/open311.module';
import { ReportTemplatesModule } from './modules/reports/templates/report-templates.module';
import { OrganizationsModule } from './modules/organizations/organizations.module';
import { MediaModule } from './modules/media/media.module';
import { PointsModule } from './modules/points/points.module';
import { ReportsModule } from './modules/reports/reports.module';
import { StatementsModule } from './modules/statements/statements.module';
import { StaffModule } from './modules/staff/staff.module';
import { UsersModule } from './modules/users/users.module';
import { WechatModule } from './modules/wechat/wechat.module';
import { StationsModule } from './modules/stations/stations.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(config),
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({ ...(await resolveDataSourceOptions(config)), retryAttempts: config.env === 'test' ? 1 : 20, retryDelay: 3000 }),
        }),
        ThrottlerModule.forRootAsync({
          inject: [SharedThrottlerStorage],
          // With REDIS_URL the counters live in Redis (one budget across instances); without it, in this process.
          useFactory: (shared: SharedThrottlerStorage) => ({
            throttlers: [
              { name: 'login', ttl: 60_000, limit: config.rateLimit.loginPerMinute },
              { name: 'write', ttl: 60_000, limit: config.rateLimit.writePerMinute },
              { name: 'check_in', ttl: 60_000, limit: config.rateLimit.checkInPerMinute },
            ],
            storage: config.redisUrl ? shared : undefined,
          }),
        }),
        DatabaseModule,
        MetricsModule,
        // Feature modules, one line each; each imports the features it uses.
        WechatModule,
        UsersModule,
        AuthModule,
        HealthModule,
        AreasModule,
        StaffModule,
        PointsModule,
        OrganizationsModule,
        ActivitiesModule,
        StationsModule,
        MediaModule,
        ReportsModule,
        Open311Module,
        ReportTemplatesModule,
        StatementsModule,
      ],
      providers: [
        AccessPolicy,
        // Order matters: access first sets request.auth, so the throttler can count per user.
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_GUARD, useClass: AppThrottlerGuard },
        { provide: APP_FILTER, useClass: GlobalExceptionFilter },
      ],
    };
  }
}

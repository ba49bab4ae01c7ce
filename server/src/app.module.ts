import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessGuard } from './common/auth/access.guard';
import { AccessPolicy } from './common/auth/access.policy';
import { CommonModule } from './common/common.module';
import { GlobalExceptionFilter } from './common/global-exception.filter';
import { MetricsModule } from './common/metrics/metrics.module';
import { AppThrottlerGuard } from './common/throttle.guard';
import { AppConfig } from './config/app.config';
import { resolveDataSourceOptions } from './database/data-source';
import { DatabaseModule } from './database/database.module';
import { ActivitiesModule } from './modules/activities/activities.module';
import { AreasModule } from './modules/areas/areas.module';
import { AuthModule } from './modules/auth/auth.module';
import { HealthModule } from './modules/health/health.module';
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
        ThrottlerModule.forRoot([
          { name: 'login', ttl: 60_000, limit: config.rateLimit.loginPerMinute },
          { name: 'write', ttl: 60_000, limit: config.rateLimit.writePerMinute },
          { name: 'check_in', ttl: 60_000, limit: config.rateLimit.checkInPerMinute },
        ]),
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

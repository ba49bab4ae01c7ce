import { Module } from '@nestjs/common';
import { AppInfoController } from './app-info.controller';
import { HealthController } from './health.controller';

@Module({ controllers: [HealthController, AppInfoController] })
export class HealthModule {}

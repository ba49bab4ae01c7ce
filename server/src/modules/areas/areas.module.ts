import { Module } from '@nestjs/common';
import { AreasController } from './areas.controller';
import { AreasRepository } from './areas.repository';
import { AreasService } from './areas.service';

declare module '../../common/auth/scope-registry' {
  interface ScopedResources {
    area: undefined;
  }
}

@Module({ controllers: [AreasController], providers: [AreasRepository, AreasService], exports: [AreasRepository] })
export class AreasModule {}

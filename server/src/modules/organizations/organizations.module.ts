import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';

declare module '../../common/auth/scope-registry' {
  interface ScopedResources {
    organization: undefined;
    membership: undefined;
  }
}

/** Organizations and members' dual memberships; activities build on it (ActivitiesModule imports this one). */
@Module({
  imports: [AreasModule],
  controllers: [OrganizationsController],
  providers: [OrganizationsRepository, OrganizationsService],
  exports: [OrganizationsRepository],
})
export class OrganizationsModule {}

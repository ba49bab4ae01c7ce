import { Module } from '@nestjs/common';
import { ActivitiesController } from '../activities/activities.controller';
import { ActivitiesRepository } from '../activities/activities.repository';
import { ActivitiesService } from '../activities/activities.service';
import { AreasModule } from '../areas/areas.module';
import { OrganizationsController } from './organizations.controller';
import { OrganizationsRepository } from './organizations.repository';
import { OrganizationsService } from './organizations.service';
import { RegisterService } from './register.service';

/** Organizations, dual memberships, activities, check-ins and the register: one bounded context. */
@Module({
  imports: [AreasModule],
  controllers: [OrganizationsController, ActivitiesController],
  providers: [OrganizationsRepository, OrganizationsService, RegisterService, ActivitiesRepository, ActivitiesService],
})
export class OrganizationsModule {}

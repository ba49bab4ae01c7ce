import { Module } from '@nestjs/common';
import { AreasModule } from '../areas/areas.module';
import { StaffController } from './staff.controller';
import { StaffService } from './staff.service';

@Module({ imports: [AreasModule], controllers: [StaffController], providers: [StaffService] })
export class StaffModule {}

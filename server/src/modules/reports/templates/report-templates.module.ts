import { Module } from '@nestjs/common';
import { ReportTemplatesController } from './report-templates.controller';
import { ReportTemplatesRepository } from './report-templates.repository';
import { ReportTemplatesService } from './report-templates.service';

/** 回复模板 per category and action (admin CRUD; staff and departments read them). */
@Module({
  controllers: [ReportTemplatesController],
  providers: [ReportTemplatesRepository, ReportTemplatesService],
})
export class ReportTemplatesModule {}

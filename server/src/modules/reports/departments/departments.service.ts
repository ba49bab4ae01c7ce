import { Injectable } from '@nestjs/common';
import type { DepartmentResponse, ListResponse } from '@xjy/shared';
import { AppException } from '../../../common/app.exception';
import { isUniqueViolation } from '../../../common/db-errors';
import type { Department } from './department.entity';
import type { CreateDepartmentDto, UpdateDepartmentDto } from './department.dto';
import { DepartmentsRepository } from './departments.repository';

export function mapDepartment(d: Department): DepartmentResponse {
  return { id: d.id, name: d.name, phone: d.phone, active: d.archivedAt === null };
}

const nameTaken = (name: string) => new AppException('department_name_taken', { name });

@Injectable()
export class DepartmentsService {
  constructor(private readonly departments: DepartmentsRepository) {}

  async list(includeArchived: boolean): Promise<ListResponse<DepartmentResponse>> {
    const rows = await this.departments.listAll();
    return { items: rows.filter((d) => includeArchived || d.archivedAt === null).map(mapDepartment) };
  }

  async create(dto: CreateDepartmentDto): Promise<DepartmentResponse> {
    if (await this.departments.findByName(dto.name)) throw nameTaken(dto.name);
    try {
      return mapDepartment(await this.departments.create({ name: dto.name, phone: dto.phone ?? null }));
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken(dto.name);
      throw e;
    }
  }

  async update(id: number, dto: UpdateDepartmentDto): Promise<DepartmentResponse> {
    const row = await this.departments.findById(id);
    if (!row) throw new AppException('department_not_found');
    const { active, ...rest } = dto;
    try {
      await this.departments.update(id, { ...rest, ...(active === undefined ? {} : { archivedAt: active ? null : (row.archivedAt ?? new Date()) }) });
    } catch (e) {
      if (isUniqueViolation(e)) throw nameTaken(dto.name ?? row.name);
      throw e;
    }
    return mapDepartment((await this.departments.findById(id))!);
  }
}

import { departmentFactory } from '../../../../test/factories';
import type { Department } from './department.entity';
import type { DepartmentsRepository } from './departments.repository';
import { DepartmentsService } from './departments.service';

describe(DepartmentsService.name, () => {
  const existing = departmentFactory({ name: '住建' });
  const created: Array<Partial<Department>> = [];
  const repo = {
    findByName: async (name: string) => (name === existing.name ? existing : null),
    findById: async (id: number) => (id === existing.id ? existing : null),
    create: async (row: Partial<Department>) => {
      created.push(row);
      return departmentFactory(row);
    },
  } as unknown as DepartmentsRepository;
  const sut = new DepartmentsService(repo);

  it('refuses a taken name with 409 department_name_taken, naming it in Chinese, and creates nothing', async () => {
    await expect(sut.create({ name: '住建' })).rejects.toMatchObject({ code: 'department_name_taken', status: 409, message: '已有名为“住建”的部门', details: { name: '住建' } });
    expect(created).toEqual([]);
  });

  it('refuses an unknown department with 404 department_not_found in Chinese', async () => {
    await expect(sut.update(existing.id + 1000, { phone: null })).rejects.toMatchObject({ code: 'department_not_found', status: 404, message: '部门不存在' });
  });
});

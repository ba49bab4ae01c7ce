import { ScopeRegistry } from '../../common/auth/scope-registry';
import { areaFactory } from '../../../test/factories/area.factory';
import { FakeAreasRepository } from '../../../test/fakes/users-areas.fakes';
import { AreasService } from './areas.service';
import type { CreateAreaDto } from './dto/area.dto';

describe(AreasService.name, () => {
  let areas: FakeAreasRepository;
  let registry: ScopeRegistry;
  let service: AreasService;
  const district = areaFactory({ level: 'district', code: '130184' });

  beforeEach(() => {
    areas = new FakeAreasRepository();
    areas.add(district);
    registry = new ScopeRegistry();
    service = new AreasService(areas.asRepository(), registry);
    service.onModuleInit();
  });

  const failure = (p: Promise<unknown>) => p.then(() => null, (e: { code?: string; status?: number }) => ({ code: e.code, status: e.status }));
  const dto = (over: Partial<CreateAreaDto>) => ({ parentId: district.id, level: 'street', name: '长寿街道', code: '130184001', ...over }) as CreateAreaDto;

  it('creates a child one level below its parent, under its path', async () => {
    const street = await service.create(dto({}));
    expect(street).toMatchObject({ level: 'street', parentId: district.id });
    expect(areas.areas.get(street.id)!.path.startsWith(district.path)).toBe(true);
  });

  it('refuses a child of the wrong level, a top-level area that is not a district, and a child of a grid', async () => {
    expect(await failure(service.create(dto({ level: 'community' })))).toEqual({ code: 'area_level_invalid', status: 400 });
    expect(await failure(service.create(dto({ parentId: null, level: 'street' })))).toEqual({ code: 'area_level_invalid', status: 400 });
    const grid = areaFactory({ level: 'grid' }, district);
    areas.add(grid);
    expect(await failure(service.create(dto({ parentId: grid.id, level: 'grid', code: 'g1' })))).toEqual({ code: 'area_level_invalid', status: 400 });
  });

  it('refuses a code already taken, and an unknown parent', async () => {
    expect(await failure(service.create(dto({ code: '130184' })))).toEqual({ code: 'area_code_taken', status: 409 });
    expect(await failure(service.create(dto({ parentId: 999_999 })))).toEqual({ code: 'area_not_found', status: 404 });
  });

  it('refuses removing an area that still has children', async () => {
    areas.add(areaFactory({ level: 'street' }, district));
    expect(await failure(service.remove(district.id))).toEqual({ code: 'area_has_children', status: 409 });
  });

  it('answers area_in_use when the database keeps an area that stations or reports point at', async () => {
    const street = areaFactory({ level: 'street' }, district);
    areas.add(street);
    areas.delete = async () => {
      throw Object.assign(new Error('fk'), { code: 'ER_ROW_IS_REFERENCED_2' });
    };
    expect(await failure(service.remove(street.id))).toEqual({ code: 'area_in_use', status: 409 });
  });

  it("registers areas' own path for the access guard", async () => {
    expect(await registry.resolvePath('area', district.id)).toBe(district.path);
    expect(await registry.resolvePath('area', 424242)).toBeNull();
  });
});

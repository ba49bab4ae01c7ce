import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { UpdateActivityDto } from './activity.dto';

const problems = (body: Record<string, unknown>) =>
  validateSync(plainToInstance(UpdateActivityDto, body), { whitelist: true, forbidNonWhitelisted: true }).map((e) => e.property).sort();

describe(UpdateActivityDto.name, () => {
  it('accepts any single field of create, checked as on create', () => {
    expect(problems({})).toEqual([]);
    expect(problems({ title: '新标题' })).toEqual([]);
    expect(problems({ capacity: null })).toEqual([]);
    expect(problems({ title: '' })).toEqual(['title']);
    expect(problems({ radiusM: 5 })).toEqual(['radiusM']);
    expect(problems({ startsAt: 'tomorrow' })).toEqual(['startsAt']);
  });

  it('refuses the organization and type, which an activity keeps', () => {
    expect(problems({ organizationId: 2 })).toEqual(['organizationId']);
    expect(problems({ type: 'volunteer' })).toEqual(['type']);
  });

  it('keeps the point a pair: lat or lng alone is refused, both inside China are accepted', () => {
    expect(problems({ lat: 38.3435, lng: 114.6839 })).toEqual([]);
    expect(problems({ lng: 114.6839 })).toEqual(['lat']);
    expect(problems({ lat: 38.3435 })).toEqual(['lat', 'lng']);
    expect(problems({ lat: 51.5, lng: -0.12 })).toEqual(['lat']);
  });
});

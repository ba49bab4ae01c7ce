import { Area } from '../modules/areas/area.entity';
import { PointsEntry } from '../modules/points/points-entry.entity';
import { StaffScope } from '../modules/users/staff-scope.entity';
import { User } from '../modules/users/user.entity';

export const ENTITIES = [Area, User, StaffScope, PointsEntry];

import type { UpdateMeRequest, UserResponse } from '@xjy/shared/auth';
import { http } from './http';

export const getMe = () => http.get<UserResponse>('/api/me');

export const updateMe = (body: UpdateMeRequest) => http.patch<UserResponse>('/api/me', body);

import { act } from '@testing-library/react';
import type { UserResponse } from '@xjy/shared/auth';
import { configureHttp } from '../src/services/http';
import { saveLogin } from '../src/utils/session';
import { loginFactory, userFactory } from './factories';
import * as Taro from './taro-mock';

/** Every test of this describe block starts signed in as `user` (e.g. `{ role: 'admin' }`), with retries that do not wait. */
export function signedInForEachTest(user: Partial<UserResponse>): void {
  beforeAll(() => configureHttp({ retryDelaysMs: [0, 0] }));
  beforeEach(() => act(() => saveLogin(loginFactory({ user: userFactory(user) }))));
}

/** Holds every request open until the test answers it: for asserting the loading state. Returns the answer function. */
export function holdRequests(): (response: Taro.MockResponse) => void {
  let answer: (v: Taro.MockResponse) => void = () => {};
  Taro.request.mockImplementation(() => new Promise((r) => (answer = r)));
  return (response) => answer(response);
}

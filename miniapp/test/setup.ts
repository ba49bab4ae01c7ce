import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';
import { clearSession } from '../src/utils/session';
import { resetTaroMock } from './taro-mock';

// findBy/waitFor give up after 1 s by default: on a busy 2-core machine a page's first render can take longer, which
// failed correct tests (station-edit). The wait ends as soon as the text appears, so passing tests stay fast.
configure({ asyncUtilTimeout: 5000 });
jest.setTimeout(30_000);

beforeEach(() => {
  // Every test starts signed out, with empty storage and fresh mocks.
  clearSession();
  jest.clearAllMocks();
  resetTaroMock();
});

import '@testing-library/jest-dom';
import { clearSession } from '../src/utils/session';
import { resetTaroMock } from './taro-mock';

beforeEach(() => {
  // Every test starts signed out, with empty storage and fresh mocks.
  clearSession();
  jest.clearAllMocks();
  resetTaroMock();
});

import { fireEvent, screen } from '@testing-library/react';
import * as Taro from './taro-mock';

export type Route = (url: string, method: string, data: unknown) => Taro.MockResponse | 'offline';

/** Answers Taro.request from a routing function; 'offline' fails the call like a dropped network. */
export function serve(route: Route): void {
  Taro.request.mockImplementation(async (option) => {
    const answer = route(option.url, option.method ?? 'GET', option.data);
    if (answer === 'offline') throw { errMsg: 'request:fail' };
    return answer;
  });
}

/** Taro's input is a custom element that reports its value in event.detail, as in the mini-program. */
export function typeInto(testId: string, value: string): void {
  fireEvent(screen.getByTestId(testId), new CustomEvent('input', { detail: { value }, bubbles: true }));
}

export function callsTo(url: string, method?: string): Taro.MockRequestOption[] {
  return Taro.request.mock.calls
    .map(([option]) => option)
    .filter((option) => option.url === url && (!method || (option.method ?? 'GET') === method));
}

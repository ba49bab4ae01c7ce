import type { ReactElement } from 'react';
import { act, render } from '@testing-library/react';
import type { ReportDetailResponse } from '@xjy/shared/report';
import type { UserResponse } from '@xjy/shared/auth';
import { PRIVACY_GUIDE_VERSION } from '../src/utils/privacy-platform.h5';
import { saveLogin } from '../src/utils/session';
import { fail, loginFactory, ok, userFactory } from './factories';
import { callsTo, serve } from './helpers';
import * as Taro from './taro-mock';

/** Answers by `"METHOD url"`; anything else is a 404. */
export type Answers = Record<string, () => ReturnType<typeof ok>>;

/**
 * Opens a report page as `user`: logged in (and past the privacy sheet when `privacy`), routed to the report,
 * the report served at GET /api/reports/:id and `answers` for the rest.
 */
export function openReportPage(page: ReactElement, report: ReportDetailResponse, user: Partial<UserResponse>, answers: Answers = {}, privacy = true): void {
  act(() => saveLogin(loginFactory({ user: userFactory(user) })));
  if (privacy) Taro.setStorageSync('xjy.privacyConsent', PRIVACY_GUIDE_VERSION);
  Taro.routerParams.current = { id: String(report.id) };
  serve((url, method) => {
    if (url === `/api/reports/${report.id}` && method === 'GET') return ok(report);
    const answer = answers[`${method} ${url}`];
    return answer ? answer() : fail(404, 'not_found', '');
  });
  render(page);
}

/** What the page POSTed to `path` first. */
export const postedTo = (path: string) => callsTo(path, 'POST')[0]?.data;

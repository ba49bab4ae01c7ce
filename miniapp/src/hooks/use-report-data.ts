import { useState } from 'react';
import Taro from '@tarojs/taro';
import type { LatLng } from '@xjy/shared/geo';
import type { NearbyReportResponse, ReportCategoriesResponse, ReportCategoryResponse } from '@xjy/shared/report';
import { errorMessage } from '../services/http';
import { listCategories, nearbyReports, recordSubscribeConsent, witnessReport } from '../services/reports';
import { type RequestState, useRequest } from './use-request';

export interface ReportCategories {
  request: RequestState<ReportCategoriesResponse>;
  items: ReportCategoryResponse[];
  /** On weapp, asks once per report whether WeChat may tell the user about its progress, and records the answer. */
  askSubscribe: () => Promise<void>;
}

/** The categories a report can be filed under, loaded once the user is logged in. */
export function useReportCategories(token: string | null): ReportCategories {
  const request = useRequest(listCategories, token ?? '', Boolean(token));
  const templateId = request.data?.subscribeTemplateId;
  const askSubscribe = async () => {
    if (!templateId || process.env.TARO_ENV !== 'weapp') return;
    try {
      const r = await Taro.requestSubscribeMessage({ tmplIds: [templateId], entityIds: [] });
      const result = (r as unknown as Record<string, string>)[templateId];
      if (result === 'accept' || result === 'reject') await recordSubscribeConsent({ templateId, result });
    } catch {
      // The user closed the dialog or WeChat refused: the in-app messages still tell them.
    }
  };
  return { request, items: request.data?.items ?? [], askSubscribe };
}

export interface NearbyReports {
  items: NearbyReportResponse[];
  witnessed: ReadonlySet<number>;
  /** 我也看到: counts the user as a witness of a report already filed nearby. */
  witness: (id: number) => Promise<void>;
}

/** Open reports of the chosen category near the point, so the user can say 我也看到 instead of filing again. */
export function useNearbyReports(spot: LatLng | null, category: string | null, enabled: boolean): NearbyReports {
  const on = Boolean(enabled && spot && category);
  const key = on ? `${category}|${spot!.lat}|${spot!.lng}` : 'off';
  const request = useRequest(() => nearbyReports({ lat: spot!.lat, lng: spot!.lng, category: category! }), key, on);
  const [witnessed, setWitnessed] = useState<ReadonlySet<number>>(new Set());
  // The server's count after each 我也看到 (it counts a person once), shown in place of the list's older count.
  const [counts, setCounts] = useState<ReadonlyMap<number, number>>(new Map());
  const witness = async (id: number) => {
    // The list was fetched for this spot; the server confirms only what its nearby list shows there.
    if (!spot) return;
    try {
      const after = await witnessReport(id, { lat: spot.lat, lng: spot.lng });
      setWitnessed((s) => new Set([...s, id]));
      if (typeof after?.witnessCount === 'number') setCounts((m) => new Map(m).set(id, after.witnessCount));
      void Taro.showToast({ title: '已记录，谢谢你', icon: 'success' });
    } catch (e) {
      void Taro.showToast({ title: errorMessage(e), icon: 'none' });
    }
  };
  const items = on && !request.error ? (request.data?.items ?? []) : [];
  return { items: items.map((n) => (counts.has(n.id) ? { ...n, witnessCount: counts.get(n.id)! } : n)), witnessed, witness };
}

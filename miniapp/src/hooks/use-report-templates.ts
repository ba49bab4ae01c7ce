import { listCategories } from '../services/reports';
import { reportTemplates } from '../services/closed-loop';
import { useRequest } from './use-request';

export interface TemplateChoice {
  id: number;
  title: string;
  text: string;
}

/**
 * The response templates for one action on a report's category, the category's own first. Templates only help:
 * when there are none, or the caller may not read them, the note field simply has no picker.
 */
export function useReportTemplates(category: string, action: string | null): TemplateChoice[] {
  const on = action !== null;
  const categories = useRequest(listCategories, 'categories', on);
  const categoryId = categories.data?.items.find((c) => c.key === category)?.id;
  // Once the categories are known (or failed): without the id, the general templates still come.
  const ready = on && !categories.loading;
  const templates = useRequest(() => reportTemplates({ categoryId, action: action ?? '' }), `${categoryId ?? 'all'}|${action ?? ''}`, ready);
  if (!on || templates.error || !templates.data) return [];
  return templates.data.items.map((t) => ({ id: t.id, title: t.title, text: t.body }));
}

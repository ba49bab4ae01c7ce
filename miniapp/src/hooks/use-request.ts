import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError } from '../services/http';

export interface RequestState<T> {
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  reload: () => Promise<void>;
}

function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('internal_error', 0, '出了点问题，请稍后再试');
}

/**
 * Loads once when `enabled` turns true and whenever `key` changes; reload() for retry buttons.
 * Only the latest call's answer is kept, so a slow old response never overwrites a newer one.
 */
export function useRequest<T>(load: () => Promise<T>, key: string, enabled = true): RequestState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(enabled);
  const latest = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const call = ++latest.current;
    setLoading(true);
    setError(null);
    try {
      const result = await loadRef.current();
      if (call === latest.current) setData(result);
    } catch (caught) {
      if (call === latest.current) setError(toApiError(caught));
    } finally {
      if (call === latest.current) setLoading(false);
    }
  }, []);

  useEffect(() => {
    const calls = latest;
    if (enabled) void reload();
    else setLoading(false);
    // Leaving (or a new key) makes any answer still in flight stale.
    return () => {
      calls.current++;
    };
  }, [enabled, key, reload]);

  return { data, error, loading, reload };
}

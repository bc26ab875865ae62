import { useCallback, useEffect, useState } from 'react';
import type { Channel, InputOf, OutputOf } from '../../shared/contract';
import { asClientError, cachedCall, call, type ClientError } from '../api/client';

/** Loads one channel's answer for a page, again whenever the input changes. */
export function useQuery<C extends Channel>(channel: C, input: InputOf<C>, options: { cache?: boolean; enabled?: boolean } = {}) {
  const key = JSON.stringify(input);
  const [data, setData] = useState<OutputOf<C> | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [loading, setLoading] = useState(true);

  const enabled = options.enabled ?? true;
  const load = useCallback(async () => {
    if (!enabled) {
      setLoading(false);
      return;
    }
    setLoading(true);
    try {
      const parsed = JSON.parse(key) as InputOf<C>;
      setData(options.cache ? await cachedCall(channel, parsed) : await call(channel, parsed));
      setError(null);
    } catch (failure) {
      setError(asClientError(failure));
    } finally {
      setLoading(false);
    }
  }, [channel, key, options.cache, enabled]);

  useEffect(() => {
    void load();
  }, [load]);

  return { data, error, loading, reload: load };
}

import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, InputOf, OutputOf } from '../../shared/contract';
import { asClientError, cachedCall, call, type ClientError } from '../api/client';

/**
 * Loads one channel's answer for a page, again whenever the input changes. Every load has a
 * number, and only the latest may set what the page shows: an answer to an older input (a
 * slow search overtaken by the next keystroke, a page left before its answer came) is
 * dropped, so the page never shows one input's answer under another's. Every page loads
 * through this one hook, so the rule holds everywhere.
 */
export function useQuery<C extends Channel>(channel: C, input: InputOf<C>, options: { cache?: boolean; enabled?: boolean } = {}) {
  const key = JSON.stringify(input);
  const [data, setData] = useState<OutputOf<C> | null>(null);
  const [error, setError] = useState<ClientError | null>(null);
  const [loading, setLoading] = useState(true);
  const latest = useRef(0);

  const enabled = options.enabled ?? true;
  const load = useCallback(async () => {
    const request = ++latest.current;
    if (!enabled) {
      setLoading(false);
      return;
    }
    setLoading(true);
    try {
      const parsed = JSON.parse(key) as InputOf<C>;
      const answer = options.cache ? await cachedCall(channel, parsed) : await call(channel, parsed);
      if (request !== latest.current) return;
      setData(answer);
      setError(null);
    } catch (failure) {
      if (request !== latest.current) return;
      setError(asClientError(failure));
    } finally {
      if (request === latest.current) setLoading(false);
    }
  }, [channel, key, options.cache, enabled]);

  useEffect(() => {
    void load();
    // Leaving the page (or changing the input) makes any answer still on its way stale.
    return () => {
      // eslint-disable-next-line react-hooks/exhaustive-deps -- the ref counts loads: moving it on is the point
      latest.current++;
    };
  }, [load]);

  return { data, error, loading, reload: load };
}

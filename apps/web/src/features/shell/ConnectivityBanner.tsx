'use client';
// Shows a plain-language banner while the API is unreachable, probes it with backoff until it answers, and
// briefly confirms when it is back.
import { useEffect, useSyncExternalStore } from 'react';
import { backoffDelay, sleep } from '../../shared/api/backoff';
import {
  getConnectivity,
  subscribeConnectivity,
  type ConnectivityState,
} from '../../shared/api/connectivity';
import { request } from '../../shared/api/client';
import { UNREACHABLE_MESSAGE } from '../../shared/api/errors';
import { cx } from '../../shared/ui/class-names';
import { HealthQuery } from './operations';
import styles from './ConnectivityBanner.module.css';

const SERVER_STATE: ConnectivityState = { reachable: true, downSince: null, justRecovered: false };

export function ConnectivityBanner() {
  const { reachable, justRecovered } = useSyncExternalStore(
    subscribeConnectivity,
    getConnectivity,
    () => SERVER_STATE,
  );

  useEffect(() => {
    if (reachable) return;
    const controller = new AbortController();
    (async () => {
      // Requests retry on their own; this probe makes sure recovery is noticed even when nothing else asks.
      for (let attempt = 0; !controller.signal.aborted; attempt++) {
        await sleep(backoffDelay(attempt, 1000, 8000), controller.signal);
        try {
          await request(HealthQuery, {}, { signal: controller.signal, retry: false });
          return; // the client reported the recovery
        } catch {
          // Still down; try again later.
        }
      }
    })().catch(() => undefined);
    return () => controller.abort();
  }, [reachable]);

  return (
    <div aria-live="polite">
      {!reachable && (
        <div className={cx(styles.banner, styles.warning)} role="alert" data-testid="connectivity-banner">
          <div className={cx('container', styles.inner)}>
            <span className="spinner" aria-hidden="true" />
            <span>{UNREACHABLE_MESSAGE}</span>
          </div>
        </div>
      )}
      {reachable && justRecovered && (
        <div className={cx(styles.banner, styles.success)} role="status">
          <div className={cx('container', styles.inner)}>
            <span aria-hidden="true">✓</span>
            <span>Reconnected to the editing service.</span>
          </div>
        </div>
      )}
    </div>
  );
}

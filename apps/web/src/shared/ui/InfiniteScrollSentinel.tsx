'use client';
import { useEffect, useRef } from 'react';

/** Calls `onVisible` when it scrolls near the viewport (and again after re-enabling if still near). */
export function InfiniteScrollSentinel({
  onVisible,
  disabled,
}: {
  onVisible: () => void;
  disabled?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el || disabled || typeof IntersectionObserver === 'undefined') return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) onVisible();
      },
      { rootMargin: '600px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [onVisible, disabled]);
  return <div ref={ref} style={{ height: 1 }} aria-hidden="true" />;
}

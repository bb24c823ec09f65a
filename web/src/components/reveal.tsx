import { type ReactNode, useEffect, useRef } from 'react';

/**
 * Wraps a refusal or error banner: when it appears (or `token` changes — a new refusal) it scrolls itself into view
 * and flashes once, so a refusal on a long form is never off-screen. Nothing in the form is reset.
 */
export function Reveal({ token, children }: { token: unknown; children: ReactNode }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (token === null || token === undefined) return;
    const el = ref.current;
    if (!el) return;
    el.scrollIntoView({ behavior: 'smooth', block: 'center' });
    el.animate?.([{ boxShadow: '0 0 0 4px rgba(255, 77, 79, 0.45)' }, { boxShadow: '0 0 0 0 rgba(255, 77, 79, 0)' }], { duration: 1200 });
  }, [token]);
  return (
    <div ref={ref} style={{ borderRadius: 8, scrollMarginTop: 80 }} data-testid="revealed-refusal">
      {children}
    </div>
  );
}

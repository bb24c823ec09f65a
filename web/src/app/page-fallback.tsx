/** Shown while a page's chunk loads; styled by index.html's own <style> (no antd in the entry). */
export function PageFallback() {
  return (
    <div className="sc-loading" role="status" aria-live="polite" data-testid="page-loading">
      <span className="sc-spinner" />
    </div>
  );
}

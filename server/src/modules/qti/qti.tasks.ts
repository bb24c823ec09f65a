import type { Locale } from '../../context.ts';
import { workerTask } from '../../lib/worker-pool.ts';
import { parseQtiPackage } from './qti.import.ts';

/**
 * QTI work that runs in a worker thread (lib/worker-pool.ts), off the request loop: inflating a package and parsing
 * its XML is synchronous CPU work (seconds for a large package).
 */
export function readQtiPackage(input: { bytes: Uint8Array; locale: Locale; filename?: string | undefined }) {
  return parseQtiPackage(input.bytes, input.locale, input.filename);
}
export const readQtiPackageTask = workerTask(import.meta.url, 'readQtiPackage', readQtiPackage);

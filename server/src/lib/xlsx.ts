import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';

/** An .xlsx is a zip; its parts may declare at most this much uncompressed (a 20,000-row bank is ~20 MB). */
export const MAX_XLSX_UNCOMPRESSED = 100 * 1024 * 1024;
const MAX_XLSX_ENTRIES = 10_000;

class TooLarge extends Error {}

/**
 * Loads an uploaded workbook, refusing a zip whose parts declare more than MAX_XLSX_UNCOMPRESSED before anything is
 * inflated (exceljs would inflate it all into memory). `too_large` and `unreadable` tell the caller which error to report.
 */
export async function loadUploadedWorkbook(file: Buffer): Promise<ExcelJS.Workbook | 'too_large' | 'unreadable'> {
  let total = 0;
  let entries = 0;
  try {
    unzipSync(new Uint8Array(file.buffer, file.byteOffset, file.byteLength), {
      filter: (f) => {
        total += f.originalSize;
        entries += 1;
        if (total > MAX_XLSX_UNCOMPRESSED || entries > MAX_XLSX_ENTRIES) throw new TooLarge();
        return false;
      },
    });
  } catch (e) {
    return e instanceof TooLarge ? 'too_large' : 'unreadable';
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file as unknown as ArrayBuffer);
    return wb;
  } catch {
    return 'unreadable';
  }
}

/**
 * Inspections (检查, R14 "accept supervision"): planned → open → rectifying (整改 items set) → closed, and each 整改 item
 * open → responded (the institution's answer) → accepted by the inspecting bureau, or returned to open with a reason.
 */
export type InspectionStatus = 'planned' | 'open' | 'rectifying' | 'closed';
export type ItemStatus = 'open' | 'responded' | 'accepted';

/** Findings are recorded, and 整改 items added, while the inspection is not closed; recording findings opens a planned one. */
export const mayRecord = (s: InspectionStatus): boolean => s !== 'closed';

/** Closing needs every 整改 item accepted. */
export function mayCloseInspection(s: InspectionStatus, items: readonly { status: ItemStatus }[]): 'INSPECTION.BAD_STATE' | 'INSPECTION.ITEMS_OPEN' | null {
  if (s === 'closed') return 'INSPECTION.BAD_STATE';
  if (items.some((i) => i.status !== 'accepted')) return 'INSPECTION.ITEMS_OPEN';
  return null;
}

export const mayRespond = (s: ItemStatus): boolean => s === 'open';
export const mayDecide = (s: ItemStatus): boolean => s === 'responded';

/** An item past its due day and not yet answered. */
export const isOverdue = (item: { status: ItemStatus; dueOn: string }, today: string): boolean => item.status === 'open' && item.dueOn < today;

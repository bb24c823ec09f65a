/** Rounded to 2 decimals (points, weights, shares), with −0 as 0. Binary fractions make 33.33 + 33.34 ≠ 66.67 otherwise. */
export const round2 = (x: number): number => Math.round(x * 100) / 100 || 0;

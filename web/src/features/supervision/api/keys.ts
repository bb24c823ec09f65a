/** Query keys of the supervision screens: everything of one plan under one prefix, so a write refreshes the lot. */
export const supervisionKey = (planId: string) => ['supervision', planId] as const;
export const workloadKey = ['workload'] as const;

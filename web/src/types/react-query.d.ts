import '@tanstack/react-query';

/** What `meta` may carry; read by the global error handler in app/provider.tsx. */
interface SkillcertQueryMeta extends Record<string, unknown> {
  /** Do not show the global error toast (the component shows the error itself). */
  silent?: boolean;
}
interface SkillcertMutationMeta extends Record<string, unknown> {
  silent?: boolean;
  /** Error codes the component handles in place (no global toast for them). */
  handledCodes?: readonly string[];
}

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: SkillcertQueryMeta;
    mutationMeta: SkillcertMutationMeta;
  }
}

import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { queryRows } from '../../db/client.ts';
import type { App, AppDeps } from '../../http/types.ts';

export function registerHealthRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['health'],
        summary: 'Liveness and database check',
        response: { 200: z.object({ status: z.literal('ok'), db: z.enum(['pglite', 'postgres']) }) },
      },
    },
    async () => {
      await queryRows(deps.db, sql`select 1`);
      return { status: 'ok' as const, db: deps.dbKind };
    },
  );
}

import { Region, RegionCode, RegionQuery } from '@skillcert/shared/api/regions';
import type { RegionLevel } from '@skillcert/shared/domain';
import { z } from 'zod';
import { notFound } from '../../http/errors.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as repo from './regions.repository.ts';

type Row = NonNullable<Awaited<ReturnType<typeof repo.findRegion>>>;
const present = (r: Row): Region => ({ ...r, level: r.level as RegionLevel });

/** GB/T 2260 regions are public reference data (the public catalog filters by them). */
export function registerRegionRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/regions',
    {
      config: { public: true },
      schema: {
        tags: ['regions'],
        summary: 'Regions: provinces by default, or the children of `parent`, or a search',
        querystring: RegionQuery,
        response: { 200: z.array(Region) },
      },
    },
    async (req) => (await repo.listRegions(deps.db, req.query)).map(present),
  );

  app.get(
    '/api/regions/:code',
    {
      config: { public: true },
      schema: { tags: ['regions'], summary: 'One region', params: z.strictObject({ code: RegionCode }), response: { 200: Region } },
    },
    async (req) => {
      const r = await repo.findRegion(deps.db, req.params.code);
      if (!r) throw notFound('region');
      return present(r);
    },
  );
}

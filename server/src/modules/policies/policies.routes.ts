import { PolicyProfile, PolicyProfileSummary, ProfileComparison } from '@skillcert/shared/api/policies';
import { z } from 'zod';
import { notFound } from '../../http/errors.ts';
import type { App } from '../../http/types.ts';
import { compareProfiles, findProfile, PROFILES, profileForRegion } from './policies.rules.ts';

const tags = ['policies'];

function profileOr404(id: string) {
  const p = findProfile(id);
  if (!p) throw notFound('policy profile');
  return p;
}

/** Policy profiles are published policy: readable by anyone. */
export function registerPolicyRoutes(app: App): void {
  app.get(
    '/api/policies',
    { config: { public: true }, schema: { tags, summary: 'Policy profiles', response: { 200: z.array(PolicyProfileSummary) } } },
    async () => PROFILES.map(({ id, name, nameEn, province, version, effectiveFrom }) => ({ id, name, nameEn, province, version, effectiveFrom })),
  );
  app.get(
    '/api/policies/compare',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'What differs between two profiles',
        querystring: z.strictObject({ a: z.string().max(40), b: z.string().max(40) }),
        response: { 200: ProfileComparison },
      },
    },
    async (req) => ({ a: req.query.a, b: req.query.b, differences: compareProfiles(profileOr404(req.query.a), profileOr404(req.query.b)) }),
  );
  app.get(
    '/api/policies/for-region/:code',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'The profile governing a region',
        params: z.strictObject({ code: z.string().regex(/^\d{6}$/) }),
        response: { 200: PolicyProfile },
      },
    },
    async (req) => profileForRegion(req.params.code),
  );
  app.get(
    '/api/policies/:id',
    {
      config: { public: true },
      schema: {
        tags,
        summary: 'One profile with every value, its source and whether it is a default',
        params: z.strictObject({ id: z.string().max(40) }),
        response: { 200: PolicyProfile },
      },
    },
    async (req) => profileOr404(req.params.id),
  );
}

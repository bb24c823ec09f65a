import { Course, CourseBody } from '@skillcert/shared/api/banks';
import { IdParams } from '@skillcert/shared/api/common';
import { z } from 'zod';
import { ctxOf } from '../../http/context.ts';
import type { App, AppDeps } from '../../http/types.ts';
import * as service from './curriculum.service.ts';

export function registerCurriculumRoutes(app: App, deps: AppDeps): void {
  const tags = ['curriculum'];
  app.get(
    '/api/courses',
    {
      config: { action: 'bank.read' },
      schema: {
        tags,
        summary: 'Courses of the schools in my scope',
        querystring: z.strictObject({ orgId: z.uuid().optional() }),
        response: { 200: z.array(Course) },
      },
    },
    async (req) => service.listCourses(ctxOf(req, deps), req.query),
  );
  app.post(
    '/api/courses',
    {
      config: { action: 'curriculum.manage' },
      schema: { tags, summary: 'Add a course and the blueprint areas it teaches', body: CourseBody, response: { 201: Course } },
    },
    async (req, reply) => reply.status(201).send(await service.createCourse(ctxOf(req, deps), req.body)),
  );
  app.put(
    '/api/courses/:id',
    {
      config: { action: 'curriculum.manage' },
      schema: { tags, summary: 'Edit a course and its mapping', params: IdParams, body: CourseBody, response: { 200: Course } },
    },
    async (req) => service.updateCourse(ctxOf(req, deps), req.params.id, req.body),
  );
  app.delete(
    '/api/courses/:id',
    { config: { action: 'curriculum.manage' }, schema: { tags, summary: 'Remove a course', params: IdParams, response: { 204: z.null() } } },
    async (req, reply) => {
      await service.deleteCourse(ctxOf(req, deps), req.params.id);
      return reply.status(204).send(null);
    },
  );
}

import type { Course } from '@skillcert/shared/api/banks';
import { useQuery } from '@tanstack/react-query';
import { http } from '@/lib/http';

export const coursesKey = ['courses'] as const;

/** Courses of the schools in my scope and the blueprint areas each teaches. */
export function getCourses(filter: { orgId?: string }, signal?: AbortSignal): Promise<Course[]> {
  return http.get<Course[]>('/api/courses', { ...filter }, signal);
}

export function useCourses(filter: { orgId?: string } = {}) {
  return useQuery({
    queryKey: [...coursesKey, 'list', filter] as const,
    queryFn: ({ signal }) => getCourses(filter, signal),
  });
}

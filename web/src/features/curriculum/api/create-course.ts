import type { Course, CourseBody } from '@skillcert/shared/api/banks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { coursesKey } from '@/features/curriculum/api/get-courses';

/** A course and the blueprint areas it teaches. */
export function createCourse(body: CourseBody): Promise<Course> {
  return http.post<Course>('/api/courses', body);
}

export function useCreateCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCourse,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: coursesKey }),
  });
}

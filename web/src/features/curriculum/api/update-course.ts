import type { Course, CourseBody } from '@skillcert/shared/api/banks';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { coursesKey } from '@/features/curriculum/api/get-courses';

export interface UpdateCourseVariables {
  id: string;
  body: CourseBody;
}

export function updateCourse({ id, body }: UpdateCourseVariables): Promise<Course> {
  return http.put<Course>(`/api/courses/${encodeURIComponent(id)}`, body);
}

export function useUpdateCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCourse,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: coursesKey }),
  });
}

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { coursesKey } from '@/features/curriculum/api/get-courses';

export function deleteCourse(id: string): Promise<void> {
  return http.delete(`/api/courses/${encodeURIComponent(id)}`);
}

export function useDeleteCourse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteCourse,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: coursesKey }),
  });
}

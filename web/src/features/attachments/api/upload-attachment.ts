import type { Attachment, UploadBody } from '@skillcert/shared/api/specs';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { http } from '@/lib/http';
import { attachmentKey } from '@/features/attachments/api/get-attachment';

/** At most 10 MiB decoded (the server's MAX_ATTACHMENT_BYTES). */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export function uploadAttachment(body: (typeof UploadBody)['_output']): Promise<Attachment> {
  return http.post<Attachment>('/api/attachments', body);
}

export function useUploadAttachment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadAttachment,
    onSuccess: (attachment) => queryClient.setQueryData(attachmentKey(attachment.id), attachment),
  });
}

import type { Attachment } from '@skillcert/shared/api/specs';
import { useQueries } from '@tanstack/react-query';
import { http } from '@/lib/http';

export function attachmentKey(id: string) {
  return ['attachments', id] as const;
}

export function getAttachment(id: string, signal?: AbortSignal): Promise<Attachment> {
  return http.get<Attachment>(`/api/attachments/${encodeURIComponent(id)}`, undefined, signal);
}

/** Where the browser downloads the file (same-origin, the session cookie authorises it). */
export function attachmentContentUrl(id: string): string {
  return `/api/attachments/${encodeURIComponent(id)}/content`;
}

/** The metadata (file name, size) of several attachments; documents never change, so cached for good. */
export function useAttachments(ids: readonly string[]) {
  return useQueries({
    queries: ids.map((id) => ({
      queryKey: attachmentKey(id),
      queryFn: ({ signal }: { signal: AbortSignal }) => getAttachment(id, signal),
      staleTime: Infinity,
      meta: { silent: true },
    })),
  });
}

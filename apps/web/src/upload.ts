// Uploading a file with progress: fetch cannot report upload progress, XMLHttpRequest can.
import type { ApiErrorBody } from '@hub/contracts';
import { ApiError, tokenStore } from './api';

/** POSTs `file` as multipart field `file` to /api/v1/<path>; `onProgress` gets 0–100 while it is sent. */
export function uploadFile<T>(path: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1/${path}`);
    const token = tokenStore.get();
    if (token) request.setRequestHeader('authorization', `Bearer ${token}`);
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    request.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(request.responseText) as unknown;
      } catch {
        body = undefined;
      }
      if (request.status >= 200 && request.status < 300) resolve(body as T);
      else {
        const error = (body ?? {}) as Partial<ApiErrorBody>;
        reject(new ApiError(request.status, error.message ?? `${request.status} ${request.statusText}`));
      }
    };
    request.onerror = () => reject(new ApiError(0, '网络错误，上传未完成'));
    const form = new FormData();
    form.append('file', file, file.name);
    request.send(form);
  });
}

import { onBeforeUnmount, onMounted, ref, type Ref } from 'vue';
import type { Page } from '@hub/contracts';
import { refreshOn } from './live';

/**
 * While the calling component is mounted: `refresh` once, then again (debounced) whenever an event whose type
 * starts with one of `prefixes` is projected. Every page that follows the live feed goes through here.
 */
export function useLiveRefresh(prefixes: readonly string[], refresh: () => void, waitMs?: number): void {
  let stop: (() => void) | undefined;
  onMounted(() => {
    refresh();
    stop = refreshOn(prefixes, refresh, waitMs);
  });
  onBeforeUnmount(() => stop?.());
}

export interface ListQuery<T> {
  rows: Ref<T[]>;
  total: Ref<number>;
  loading: Ref<boolean>;
  /** The last failure's message, '' after a successful load. */
  error: Ref<string>;
  load(): Promise<void>;
}

/** The state of a list page fed by `query` (one page of a `{total, items}` API), kept fresh by the live feed. */
export function useListQuery<T>(query: () => Promise<Page<T>>, livePrefixes: readonly string[]): ListQuery<T> {
  const rows = ref([]) as Ref<T[]>;
  const total = ref(0);
  const loading = ref(false);
  const error = ref('');
  const load = async (): Promise<void> => {
    loading.value = true;
    try {
      const result = await query();
      rows.value = result.items;
      total.value = result.total;
      error.value = '';
    } catch (failure) {
      error.value = (failure as Error).message;
    } finally {
      loading.value = false;
    }
  };
  useLiveRefresh(livePrefixes, () => void load());
  return { rows, total, loading, error, load };
}

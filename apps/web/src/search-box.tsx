import { defineComponent, ref } from 'vue';
import { useRouter } from 'vue-router';
import { NButton, NInput, NInputGroup, NSelect } from 'naive-ui';
import { session } from './session';

/** The header's 要素查询 box, on every page: kind + value → the results page (/search?kind=&value=). */
export const SearchBox = defineComponent({
  name: 'SearchBox',
  setup() {
    const router = useRouter();
    const kind = ref('shop_url');
    const value = ref('');
    const options = () => [
      ...Object.entries(session.catalogue?.entityKinds ?? {}).map(([code, name]) => ({ value: code, label: name })),
      { value: 'operator_name', label: '经营者名称' },
    ];
    const go = (): void => {
      if (value.value.trim() === '') return;
      void router.push({ path: '/search', query: { kind: kind.value, value: value.value.trim() } });
    };
    // Up to 520 px; narrower when the header's other parts need the room (a laptop's 1,280 px).
    return () => (
      <NInputGroup style={{ width: '100%', maxWidth: '520px' }}>
        <NSelect value={kind.value} options={options()} onUpdateValue={(v: string) => (kind.value = v)} style={{ width: '150px', flexShrink: 0 }} size="small" data-testid="search-kind" />
        <NInput
          value={value.value}
          onUpdateValue={(v: string) => (value.value = v)}
          onKeyup={(event: KeyboardEvent) => {
            if (event.key === 'Enter') go();
          }}
          placeholder="查询其他单位是否掌握：信用代码、手机号、网店链接…"
          size="small"
          inputProps={{ 'data-testid': 'search-value' } as never}
        />
        {/* 检索, not 查询: pages have their own 查询 button for their filters. */}
        <NButton size="small" type="primary" onClick={go} data-testid="search-go">
          检索
        </NButton>
      </NInputGroup>
    );
  },
});

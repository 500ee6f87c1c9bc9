import { h, type VNodeChild } from 'vue';
import { NDescriptionsItem } from 'naive-ui';

/**
 * One NDescriptions item. NDescriptions reads its items' default slot off the vnode without rendering them, and JSX
 * children arrive as an array, not a slot: written as JSX the item's content came out empty. `testId` marks the value.
 */
export const descriptionItem = (label: string, content: VNodeChild, options: { span?: number; testId?: string } = {}) =>
  h(NDescriptionsItem, { label, ...(options.span ? { span: options.span } : {}) }, { default: () => (options.testId ? h('span', { 'data-testid': options.testId }, [content]) : content) });

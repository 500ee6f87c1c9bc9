import { codeList } from './code-list.js';

/**
 * The plan's product focus list (二(二)1 一是: 食品(含保健食品)、药品、医疗器械、防疫用品、化妆品(含儿童化妆品)、
 * 汽车及配件、家具家装、老人儿童用品、服装鞋帽、摄像头), the lead's `productCategory`; `other` for everything else,
 * described in `productDescription`. Statistics by product count these codes.
 */
export const { codes: PRODUCT_CATEGORIES, is: isProductCategory, labels: PRODUCT_CATEGORY_LABELS } = codeList({
  food: '食品（含保健食品）',
  drugs: '药品',
  medical_devices: '医疗器械',
  epidemic_supplies: '防疫用品',
  cosmetics: '化妆品（含儿童化妆品）',
  vehicles_parts: '汽车及配件',
  furniture_home: '家具家装',
  elderly_children: '老人儿童用品',
  clothing_shoes: '服装鞋帽',
  cameras: '摄像头',
  other: '其他',
});
export type ProductCategory = (typeof PRODUCT_CATEGORIES)[number];

/**
 * How a stored lead's `productCategory` reads now (pure, for folds over the log): a code stays a code; free
 * text from before the codes (e.g. 运动鞋) becomes `other` with the text kept as the description, unless the
 * event also carried its own `productDescription`.
 */
export function productOfStored(category: unknown, description: unknown): { productCategory: ProductCategory | null; productDescription: string | null } {
  const own = typeof description === 'string' ? description : null;
  if (typeof category !== 'string') return { productCategory: null, productDescription: own };
  if (isProductCategory(category)) return { productCategory: category, productDescription: own };
  return { productCategory: 'other', productDescription: own ?? category };
}

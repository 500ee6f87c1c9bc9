import { describe, expect, it } from '@jest/globals';
import { displayStatusOf, OPERATOR_KIND_LABELS } from './operators.js';
import { PRODUCT_CATEGORIES, PRODUCT_CATEGORY_LABELS, productOfStored } from './products.js';

describe('product focus codes', () => {
  it('lists the plan’s ten focus products and other, each with a Chinese label', () => {
    expect(PRODUCT_CATEGORIES).toEqual(['food', 'drugs', 'medical_devices', 'epidemic_supplies', 'cosmetics', 'vehicles_parts', 'furniture_home', 'elderly_children', 'clothing_shoes', 'cameras', 'other']);
    expect(PRODUCT_CATEGORY_LABELS.food).toBe('食品（含保健食品）');
  });

  it('given a stored code, when read, then the code and the event’s own description', () =>
    expect(productOfStored('cameras', '家用摄像头')).toEqual({ productCategory: 'cameras', productDescription: '家用摄像头' }));
  it('given stored free text from before the codes, when read, then other with the text as description', () =>
    expect(productOfStored('运动鞋', undefined)).toEqual({ productCategory: 'other', productDescription: '运动鞋' }));
  it('given free text and a description, when read, then other and the description wins', () =>
    expect(productOfStored('鞋', '运动鞋')).toEqual({ productCategory: 'other', productDescription: '运动鞋' }));
  it('given nothing, when read, then nulls', () => expect(productOfStored(undefined, undefined)).toEqual({ productCategory: null, productDescription: null }));
});

describe('operator display status', () => {
  it('given every display shown or not required, then compliant', () => expect(displayStatusOf({ licence: 'shown', permit: 'not_required', mark: 'shown' })).toBe('compliant'));
  it('given one missing, then deficient', () => expect(displayStatusOf({ licence: 'shown', permit: 'shown', mark: 'missing' })).toBe('deficient'));
  it('labels the telecom survey kinds', () => expect(OPERATOR_KIND_LABELS.cdn).toContain('CDN'));
});

import { campaignData } from '../annex/campaign-files.js';
import { campaignOfTime } from '../annex/campaigns.js';
import { isReportingUnit } from '../catalogue/units.js';
import { canonicalInspectors, type Inspector } from './draw-algorithm.js';

/** A spot-check item (抽查事项): key (重点) or general (一般), from the plan's focus. */
export interface DrawItem {
  id: string;
  level: 'key' | 'general';
  label: string;
  basis: string;
}

export interface CampaignInspector extends Inspector {
  unit: string;
}

export interface DrawCampaignData {
  campaign: string;
  items: DrawItem[];
  inspectors: CampaignInspector[];
}

const ID = /^[A-Za-z0-9_-]{1,128}$/;

/** Checks a parsed draw-lists file; every problem is named by its path (a bad file stops the services at start). */
export function parseDrawCampaign(doc: unknown, source: string): DrawCampaignData {
  const problems: string[] = [];
  const d = doc as Partial<DrawCampaignData> | null;
  if (typeof d !== 'object' || d === null || typeof d.campaign !== 'string' || !Array.isArray(d.items) || !Array.isArray(d.inspectors)) {
    throw new Error(`${source}: must be {campaign, items: [...], inspectors: [...]}`);
  }
  const seen = new Set<string>();
  d.items.forEach((item, i) => {
    if (!ID.test(String(item?.id)) || seen.has(item.id)) problems.push(`items[${i}].id: missing, malformed or repeated`);
    seen.add(item?.id);
    if (item?.level !== 'key' && item?.level !== 'general') problems.push(`items[${i}].level: must be key or general`);
    if (typeof item?.label !== 'string' || item.label.trim() === '') problems.push(`items[${i}].label: required`);
  });
  d.inspectors.forEach((inspector, i) => {
    if (!ID.test(String(inspector?.id)) || seen.has(inspector.id)) problems.push(`inspectors[${i}].id: missing, malformed or repeated`);
    seen.add(inspector?.id);
    if (!isReportingUnit(inspector?.unit)) problems.push(`inspectors[${i}].unit: must be a reporting unit <dept>/<region>`);
    if (typeof inspector?.name !== 'string' || inspector.name.trim() === '') problems.push(`inspectors[${i}].name: required`);
    if (!Array.isArray(inspector?.conflicts)) problems.push(`inspectors[${i}].conflicts: must be an array`);
    else
      inspector.conflicts.forEach((c, j) => {
        if ((c?.operator === undefined) === (c?.uscc === undefined)) problems.push(`inspectors[${i}].conflicts[${j}]: name exactly one of operator, uscc`);
        if (typeof c?.reason !== 'string' || c.reason.trim() === '') problems.push(`inspectors[${i}].conflicts[${j}].reason: required (回避理由)`);
      });
  });
  if (problems.length > 0) throw new Error(`${source}: ${problems.join('; ')}`);
  return d as DrawCampaignData;
}

/** A campaign's draw lists (`<campaign>.draw-lists.json` beside its definition); undefined: the campaign has none. */
export function drawListsOf(campaign: string): DrawCampaignData | undefined {
  return campaignData(campaign, 'draw-lists', parseDrawCampaign);
}

/** The draw lists of the campaign a draw made at `time` belongs to (campaignOfTime), named with that campaign. */
export function drawListsAt(time: string): { campaign: string | undefined; lists: DrawCampaignData | undefined } {
  const campaign = campaignOfTime(time);
  return { campaign, lists: campaign === undefined ? undefined : drawListsOf(campaign) };
}

/** Why no draw can be made in `campaign`: it has no draw-lists file (the API answers 409 naming the campaign). */
export const noDrawListsMessage = (campaign: string | undefined): string =>
  campaign === undefined ? 'the draw has no readable time, so no campaign' : `campaign ${campaign} has no draw lists (${campaign}.draw-lists.json): no draw can be committed in it`;

/** A unit's inspector list (执法检查人员名录) in canonical order: what its draws commit to. */
export function inspectorsOf(unit: string, data: DrawCampaignData): Inspector[] {
  return canonicalInspectors(data.inspectors.filter((i) => i.unit === unit));
}

import { createHash } from 'node:crypto';
import { keyValidAt, type KeyRegistry } from '../audit/key-registry.js';
import type { HubEvent } from '../integrity/envelope.js';
import { hashEvent } from '../integrity/event-hash.js';
import { checkInclusionProof, type InclusionProof } from '../integrity/inclusion-proof.js';
import { verifySignature } from '../integrity/signing.js';
import { figuresHash, type FiledFigureValue } from './filing.js';

export const PACKAGE_FORMAT = 'net-sword-report-package/1';
export const MANIFEST_PATH = 'manifest.json';
/** The figures as filed (JSON): bound to the signed filing by `figuresHash`. */
export const FIGURES_PATH = 'annex.json';
/** The printed form rendered from the filed figures. */
export const ANNEX_XLSX_PATH = 'annex.xlsx';
/** The work summary text as filed. */
export const SUMMARY_TEXT_PATH = 'summary.txt';

/** What a file of the package is: each attached document is named by the signed filing. */
export type PackageRole = 'figures' | 'annex' | 'summary_text' | 'summary' | 'decision' | 'material';

export interface PackageFile {
  path: string;
  sha256: string;
  size: number;
  role: PackageRole;
  /** The typical case a decision belongs to. */
  caseId?: string;
}

/** manifest.json: every file's digest, the signed filing event as logged, and its checkpoint. */
export interface PackageManifest {
  format: typeof PACKAGE_FORMAT;
  unit: string;
  campaign: string;
  /** The report.submitted in force, as logged (hash, signature, actor). */
  filing: HubEvent;
  /** The stream position the figures were computed at (from the signed filing). */
  checkpoint: { seq: number; hash: string };
  /** Where the filing sits in the log. */
  filingSeq: number;
  /** For a filing signed by its batch seal (no signature of its own): its inclusion proof and seal. */
  filingProof?: InclusionProof;
  files: PackageFile[];
}

/** One thing wrong with a package, naming the file. */
export interface PackageProblem {
  file: string;
  problem: 'missing' | 'altered' | 'added' | 'unsigned' | 'unbound' | 'invalid';
  message: string;
}

export const sha256Of = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

const textOf = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);

/** The SHA-256 digests the signed filing names, per role. */
function namedByFiling(filing: HubEvent): { role: PackageRole; sha256: string; caseId?: string }[] {
  const data = filing.data;
  const named: { role: PackageRole; sha256: string; caseId?: string }[] = [];
  for (const typical of (data['typicalCases'] as { caseId: string; decisions: string[] }[] | undefined) ?? []) {
    for (const sha256 of typical.decisions) named.push({ role: 'decision', sha256, caseId: typical.caseId });
  }
  if (typeof data['summaryAttachment'] === 'string') named.push({ role: 'summary', sha256: data['summaryAttachment'] });
  for (const sha256 of (data['jointEnforcementAttachments'] as string[] | undefined) ?? []) named.push({ role: 'material', sha256 });
  return named;
}

/**
 * Verifies a report package offline (pure: the zip's entries and the key registry). The filing must be a
 * report.submitted whose hash recomputes and whose signature verifies with its department's key valid at
 * `recordedAt`; the manifest's checkpoint must be the filing's; every listed file must be present with its
 * digest; nothing unlisted may be present; the figures, the summary text and every attached document must
 * be the ones the signed filing names. Every problem names its file.
 */
export function verifyPackage(entries: ReadonlyMap<string, Uint8Array>, registry: KeyRegistry): PackageProblem[] {
  const manifestBytes = entries.get(MANIFEST_PATH);
  if (!manifestBytes) return [{ file: MANIFEST_PATH, problem: 'missing', message: 'the package has no manifest' }];
  let manifest: PackageManifest;
  try {
    manifest = JSON.parse(textOf(manifestBytes)) as PackageManifest;
  } catch (error) {
    return [{ file: MANIFEST_PATH, problem: 'invalid', message: `not JSON: ${(error as Error).message}` }];
  }
  if (manifest.format !== PACKAGE_FORMAT || !Array.isArray(manifest.files) || typeof manifest.filing !== 'object' || manifest.filing === null) {
    return [{ file: MANIFEST_PATH, problem: 'invalid', message: `not a ${PACKAGE_FORMAT} manifest` }];
  }
  const problems: PackageProblem[] = [];
  const filing = manifest.filing;
  const manifestProblem = (problem: PackageProblem['problem'], message: string): void => {
    problems.push({ file: MANIFEST_PATH, problem, message });
  };
  const [department = ''] = String(filing.source).split('/');
  const key = keyValidAt(registry, department, filing.recordedAt);
  let hashOk: boolean;
  try {
    hashOk = hashEvent(filing) === filing.hash;
  } catch {
    hashOk = false; // a forged filing may not even be canonical JSON
  }
  if (filing.type !== 'report.submitted') manifestProblem('invalid', `the filing is a ${String(filing.type)}, not a report.submitted`);
  if (!hashOk) manifestProblem('unsigned', 'the filing event does not hash to its recorded hash: it was changed after signing');
  else if (!key) manifestProblem('unsigned', `the key registry has no ${department} key valid at ${filing.recordedAt}`);
  else if (filing.sig !== undefined) {
    if (!verifySignature(key.publicKey, filing.hash, filing.sig)) manifestProblem('unsigned', `the filing's signature does not verify with ${department}'s key ${key.publicKey}`);
  } else if (manifest.filingProof?.event.hash !== filing.hash) manifestProblem('unsigned', 'the filing has no signature of its own and no inclusion proof of its seal');
  else {
    const proofProblems = checkInclusionProof(manifest.filingProof, key.publicKey);
    if (proofProblems.length > 0) manifestProblem('unsigned', `the filing's seal does not prove it with ${department}'s key ${key.publicKey}: ${proofProblems.join(', ')}`);
  }
  if (filing.source !== manifest.unit) manifestProblem('unbound', `the filing is ${filing.source}'s, the manifest says ${manifest.unit}`);
  const data = filing.data;
  if (manifest.checkpoint?.seq !== data['checkpointSeq'] || manifest.checkpoint?.hash !== data['checkpointHash']) manifestProblem('unbound', 'the checkpoint is not the one the signed filing names');

  const listed = new Map<string, PackageFile>();
  for (const file of manifest.files) {
    if (listed.has(file.path)) manifestProblem('invalid', `${file.path} is listed twice`);
    listed.set(file.path, file);
    const bytes = entries.get(file.path);
    if (!bytes) problems.push({ file: file.path, problem: 'missing', message: 'listed in the manifest but not in the package' });
    else if (sha256Of(bytes) !== file.sha256) problems.push({ file: file.path, problem: 'altered', message: `its SHA-256 is ${sha256Of(bytes)}, the manifest says ${file.sha256}` });
  }
  for (const path of entries.keys()) {
    if (path !== MANIFEST_PATH && !listed.has(path) && !path.endsWith('/')) problems.push({ file: path, problem: 'added', message: 'in the package but not in the manifest' });
  }

  // Bind the content to the signed filing: a re-hashed manifest cannot swap a document or a figure.
  const figuresFile = [...listed.values()].find((file) => file.role === 'figures');
  const figuresBytes = figuresFile ? entries.get(figuresFile.path) : undefined;
  if (!figuresFile) manifestProblem('unbound', `lists no figures file (${FIGURES_PATH})`);
  else if (figuresBytes) {
    let figures: FiledFigureValue[] | undefined;
    try {
      figures = JSON.parse(textOf(figuresBytes)) as FiledFigureValue[];
    } catch {
      figures = undefined;
    }
    if (!figures || figuresHash(figures) !== data['figuresHash']) problems.push({ file: figuresFile.path, problem: 'unbound', message: 'the figures are not the ones the signed filing hashed (figuresHash)' });
  }
  const summaryFile = [...listed.values()].find((file) => file.role === 'summary_text');
  const summaryBytes = summaryFile ? entries.get(summaryFile.path) : undefined;
  if (!summaryFile) manifestProblem('unbound', `lists no summary text (${SUMMARY_TEXT_PATH})`);
  if (summaryFile && summaryBytes && textOf(summaryBytes) !== data['summary']) problems.push({ file: summaryFile.path, problem: 'unbound', message: 'the summary text is not the one filed' });
  const named = namedByFiling(filing);
  for (const file of listed.values()) {
    if (file.role !== 'decision' && file.role !== 'summary' && file.role !== 'material') continue;
    if (!named.some((item) => item.role === file.role && item.sha256 === file.sha256)) problems.push({ file: file.path, problem: 'unbound', message: `the signed filing names no ${file.role} with SHA-256 ${file.sha256}` });
  }
  for (const item of named) {
    if (![...listed.values()].some((file) => file.role === item.role && file.sha256 === item.sha256)) {
      manifestProblem('missing', `the filing names ${item.role} ${item.sha256}${item.caseId ? ` (case ${item.caseId})` : ''}, the package has no such file`);
    }
  }
  return problems;
}

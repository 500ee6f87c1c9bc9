// Union-find over two kinds of node: members (leads, cases) and entity keys. A member is joined to
// the node of each key it links through, so members sharing a key end in one set without ever
// comparing members pairwise (O(α) per key, never O(n²)). Each root carries what the engine needs
// without walking the set: its earliest member (the seed), whether it spans regions/departments,
// and the published cluster id it answers to. A circular `next` list per set lets the engine list
// a set's nodes in O(size) when it has to (publishing, manual splits).

export const NONE = -1;

export class Components {
  private readonly parent: number[] = [];
  private readonly size: number[] = [];
  private readonly next: number[] = [];
  private readonly memberNode: boolean[] = [];
  private readonly nodeRegion: number[] = [];
  private readonly nodeDepartment: number[] = [];
  // Facts of the set, valid at roots only.
  private readonly seedOf: number[] = [];
  private readonly regionOf: number[] = [];
  private readonly crossRegionOf: boolean[] = [];
  private readonly departmentOf: number[] = [];
  private readonly crossDepartmentOf: boolean[] = [];
  private readonly pubSeqOf: number[] = [];
  private readonly pubIdOf: (string | undefined)[] = [];

  get count(): number {
    return this.parent.length;
  }

  /** A new singleton; region/department are interned indexes (NONE for key nodes). */
  add(member: boolean, region: number, department: number): number {
    const node = this.parent.length;
    this.parent.push(node);
    this.size.push(1);
    this.next.push(node);
    this.memberNode.push(member);
    this.nodeRegion.push(region);
    this.nodeDepartment.push(department);
    this.seedOf.push(member ? node : NONE);
    this.regionOf.push(region);
    this.crossRegionOf.push(false);
    this.departmentOf.push(department);
    this.crossDepartmentOf.push(false);
    this.pubSeqOf.push(Infinity);
    this.pubIdOf.push(undefined);
    return node;
  }

  /** Back to a singleton, for rebuilding a set after links were removed. */
  reset(node: number): void {
    this.parent[node] = node;
    this.size[node] = 1;
    this.next[node] = node;
    this.seedOf[node] = this.memberNode[node] === true ? node : NONE;
    this.regionOf[node] = this.nodeRegion[node] ?? NONE;
    this.crossRegionOf[node] = false;
    this.departmentOf[node] = this.nodeDepartment[node] ?? NONE;
    this.crossDepartmentOf[node] = false;
    this.pubSeqOf[node] = Infinity;
    this.pubIdOf[node] = undefined;
  }

  isMember(node: number): boolean {
    return this.memberNode[node] === true;
  }

  regionIndex(node: number): number {
    return this.nodeRegion[node] ?? NONE;
  }

  departmentIndex(node: number): number {
    return this.nodeDepartment[node] ?? NONE;
  }

  /** Root of the node's set, halving the path on the way (keeps later finds near O(1)). */
  find(node: number): number {
    const parent = this.parent;
    let x = node;
    for (;;) {
      const p = parent[x] ?? x;
      if (p === x) return x;
      const grand = parent[p] ?? p;
      parent[x] = grand;
      x = grand;
    }
  }

  /** Merges the two sets (smaller under larger) and their facts; returns the new root. */
  union(a: number, b: number): number {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra === rb) return ra;
    const [big, small] = this.at(this.size, ra) >= this.at(this.size, rb) ? [ra, rb] : [rb, ra];
    this.parent[small] = big;
    this.size[big] = this.at(this.size, big) + this.at(this.size, small);
    const spliced = this.at(this.next, big);
    this.next[big] = this.at(this.next, small);
    this.next[small] = spliced;

    const seedA = this.at(this.seedOf, ra);
    const seedB = this.at(this.seedOf, rb);
    this.seedOf[big] = seedA === NONE ? seedB : seedB === NONE ? seedA : Math.min(seedA, seedB);
    [this.regionOf[big], this.crossRegionOf[big]] = mergeAttribute(
      this.at(this.regionOf, ra),
      this.at(this.regionOf, rb),
      this.crossRegionOf[ra] === true || this.crossRegionOf[rb] === true,
    );
    [this.departmentOf[big], this.crossDepartmentOf[big]] = mergeAttribute(
      this.at(this.departmentOf, ra),
      this.at(this.departmentOf, rb),
      this.crossDepartmentOf[ra] === true || this.crossDepartmentOf[rb] === true,
    );
    // The earliest-published id survives a merge, so a published cluster keeps its id as it grows.
    const winner = this.at(this.pubSeqOf, ra) <= this.at(this.pubSeqOf, rb) ? ra : rb;
    this.pubSeqOf[big] = this.at(this.pubSeqOf, winner);
    this.pubIdOf[big] = this.pubIdOf[winner];
    return big;
  }

  /** True when root `a`'s id takes precedence over root `b`'s in a merge. */
  precedes(a: number, b: number): boolean {
    const pa = this.at(this.pubSeqOf, a);
    const pb = this.at(this.pubSeqOf, b);
    if (pa !== pb) return pa < pb;
    const sa = this.at(this.seedOf, a);
    const sb = this.at(this.seedOf, b);
    return sb === NONE || (sa !== NONE && sa < sb);
  }

  seed(root: number): number {
    return this.at(this.seedOf, root);
  }

  crossRegion(root: number): boolean {
    return this.crossRegionOf[root] === true;
  }

  crossDepartment(root: number): boolean {
    return this.crossDepartmentOf[root] === true;
  }

  publishedId(root: number): string | undefined {
    return this.pubIdOf[root];
  }

  publishedSeq(root: number): number {
    return this.at(this.pubSeqOf, root);
  }

  setPublished(root: number, id: string, seq: number): void {
    this.pubIdOf[root] = id;
    this.pubSeqOf[root] = seq;
  }

  /** Every node of the set containing `node`, ascending (node ids follow arrival order). */
  nodesOf(node: number): number[] {
    const nodes = [node];
    for (let x = this.at(this.next, node); x !== node; x = this.at(this.next, x)) nodes.push(x);
    return nodes.sort((a, b) => a - b);
  }

  membersOf(node: number): number[] {
    return this.nodesOf(node).filter((x) => this.memberNode[x] === true);
  }

  // noUncheckedIndexedAccess: every index passed here is a node id this structure handed out.
  private at(array: readonly number[], index: number): number {
    return array[index] ?? NONE;
  }
}

function mergeAttribute(a: number, b: number, crossAlready: boolean): [number, boolean] {
  return [a === NONE ? b : a, crossAlready || (a !== NONE && b !== NONE && a !== b)];
}

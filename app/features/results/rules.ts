// Winner rules of docs/domain.md, in plain TypeScript (no Remix, no Prisma): deterministic, and exact
// wherever money is compared or summed. Costs and budgets are bigint integers in the election's
// smallest money unit (whole euros for OmaKoulu; `currencyUnit` of them make one currency unit, e.g.
// 100n for cents), so an exact fit is never lost to float drift. The Method of Equal Shares runs on
// exact rationals kept as bigint numerators over one shared bigint denominator (see `equalShares`).

export type VoteType = "approval" | "choose-1" | "cumulative" | "ordinal" | "scoring";

export const RULES = [
  "greedy",
  "greedy-no-skip",
  "greedy-threshold",
  "equalshares",
  "equalshares/add1",
  "equalshares-comparison",
  "equalshares/add1-comparison",
] as const;
export type RuleName = (typeof RULES)[number];

export function isRuleName(value: string): value is RuleName {
  return (RULES as readonly string[]).includes(value);
}

export interface TallyProject {
  readonly id: string;
  /** In the election's smallest money unit; never negative. */
  readonly cost: bigint;
}

export interface TallyBallot {
  /** Project ids the voter chose (in ballot order; for `ordinal`, best first). */
  readonly projects: readonly string[];
  /** Points per project, same order as `projects` (`cumulative` and `scoring` ballots only). */
  readonly points?: readonly number[] | undefined;
}

export interface TallyElection {
  readonly voteType: VoteType;
  /** In the same unit as the project costs. */
  readonly budget: bigint;
  /** How many smallest money units make one currency unit (the add1 step per voter); default 1n. */
  readonly currencyUnit?: bigint | undefined;
  readonly projects: readonly TallyProject[];
  readonly votes: readonly TallyBallot[];
  /** Pabulib `min_project_score_threshold`: `greedy-threshold` skips projects scoring below it. */
  readonly minProjectScoreThreshold?: number | undefined;
}

export class RuleError extends Error {}

// ---------------------------------------------------------------------------------------------
// Scores and the greedy family

/**
 * Score per project id: voter counts for `approval`, `choose-1` and `ordinal` ballots (every
 * ranked project counts once), summed points for `cumulative` and `scoring` ballots.
 */
export function scores(election: TallyElection): Map<string, number> {
  const index = new Map<string, number>();
  election.projects.forEach((project, i) => {
    if (index.has(project.id)) throw new RuleError(`project "${project.id}" appears twice`);
    index.set(project.id, i);
  });
  const total = new Float64Array(election.projects.length);
  const usesPoints = election.voteType === "cumulative" || election.voteType === "scoring";
  for (const ballot of election.votes) {
    const ids = ballot.projects;
    for (let i = 0; i < ids.length; i++) {
      const p = index.get(ids[i]!);
      if (p === undefined) throw new RuleError(`vote for unknown project "${ids[i]}"`);
      const points = usesPoints ? ballot.points?.[i] : 1;
      if (points === undefined) throw new RuleError(`a ${election.voteType} ballot has no points for project "${ids[i]}"`);
      total[p] = total[p]! + points;
    }
  }
  return new Map(election.projects.map((project, i) => [project.id, total[i]!]));
}

/** Plain character (UTF-16 code unit) order, independent of locale. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Projects by score (most first), then lower cost, then project id in plain character order. */
export function greedyOrder(election: TallyElection, score = scores(election)): TallyProject[] {
  return [...election.projects].sort((a, b) => {
    const byScore = (score.get(b.id) ?? 0) - (score.get(a.id) ?? 0);
    if (byScore !== 0) return byScore;
    if (a.cost !== b.cost) return a.cost < b.cost ? -1 : 1;
    return compareIds(a.id, b.id);
  });
}

export type GreedyVariant = "skip" | "no-skip" | "threshold";

/**
 * Walks the greedy order and selects each project that fits in the remaining budget (an exact fit
 * fits). `skip`: a project that does not fit is passed over; `no-skip`: the walk stops there;
 * `threshold`: like `skip`, and projects scoring below `minProjectScoreThreshold` are passed over.
 * A project with a score of zero (or less) never wins. Returns ids in the order selected.
 */
export function greedy(election: TallyElection, variant: GreedyVariant = "skip"): string[] {
  let threshold = -Infinity;
  if (variant === "threshold") {
    if (election.minProjectScoreThreshold === undefined) {
      throw new RuleError("rule greedy-threshold needs min_project_score_threshold in META");
    }
    threshold = election.minProjectScoreThreshold;
  }
  const score = scores(election);
  let remaining = election.budget;
  const selected: string[] = [];
  for (const project of greedyOrder(election, score)) {
    const s = score.get(project.id) ?? 0;
    if (s <= 0) break; // the order is by score: nothing after this scores more
    if (s < threshold) continue;
    if (project.cost <= remaining) {
      selected.push(project.id);
      remaining -= project.cost;
    } else if (variant === "no-skip") {
      break;
    }
  }
  return selected;
}

// ---------------------------------------------------------------------------------------------
// Method of Equal Shares (cost utilities)

/** A non-negative rational num/den (den > 0), compared by cross-multiplication. */
interface Ratio {
  num: bigint;
  den: bigint;
}

function compareRatio(a: Ratio, b: Ratio): number {
  const l = a.num * b.den;
  const r = b.num * a.den;
  return l < r ? -1 : l > r ? 1 : 0;
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

/** Ballots with the same contents, merged: the work depends on distinct ballots, not voters. */
interface BallotGroup {
  /** Number of voters with this ballot. */
  readonly voters: number;
  /** Project indexes with the voter's weight for each (1, or the points of a cumulative ballot). */
  readonly projects: readonly number[];
  readonly weights: readonly number[];
}

/** What the Method of Equal Shares needs, prepared once and reused by every add1 run. */
interface MesInstance {
  readonly ids: readonly string[];
  readonly costs: readonly bigint[];
  /** Voters approving each project (the first tie-break). */
  readonly supporters: readonly number[];
  readonly groups: readonly BallotGroup[];
  /** Per project: indexes of groups supporting it. */
  readonly groupsOf: readonly Int32Array[];
  /** Per project: the weight of each group in groupsOf. */
  readonly weightsOf: readonly Int32Array[];
  /** Voters per group. */
  readonly groupVoters: Int32Array;
  readonly maxWeight: number;
  readonly voters: number;
}

function prepare(election: TallyElection): MesInstance {
  const index = new Map<string, number>();
  election.projects.forEach((p, i) => {
    if (index.has(p.id)) throw new RuleError(`project "${p.id}" appears twice`);
    if (p.cost < 0n) throw new RuleError(`project "${p.id}" has a negative cost`);
    index.set(p.id, i);
  });
  const usesPoints = election.voteType === "cumulative" || election.voteType === "scoring";
  const byKey = new Map<string, { voters: number; projects: number[]; weights: number[] }>();
  let maxWeight = 1;
  for (const ballot of election.votes) {
    const entries: [number, number][] = [];
    ballot.projects.forEach((id, i) => {
      const p = index.get(id);
      if (p === undefined) throw new RuleError(`vote for unknown project "${id}"`);
      const w = usesPoints ? (ballot.points?.[i] ?? 0) : 1;
      if (!Number.isSafeInteger(w)) throw new RuleError(`points for project "${id}" must be whole numbers`);
      if (w > 0) entries.push([p, w]);
    });
    entries.sort((a, b) => a[0] - b[0]);
    const key = entries.map(([p, w]) => `${p}:${w}`).join(",");
    const group = byKey.get(key);
    if (group) group.voters += 1;
    else byKey.set(key, { voters: 1, projects: entries.map((e) => e[0]), weights: entries.map((e) => e[1]) });
    for (const [, w] of entries) maxWeight = Math.max(maxWeight, w);
  }
  const groups = [...byKey.values()];
  const groupLists: number[][] = election.projects.map(() => []);
  const weightLists: number[][] = election.projects.map(() => []);
  const supporters = election.projects.map(() => 0);
  groups.forEach((g, gi) => {
    g.projects.forEach((p, i) => {
      groupLists[p]!.push(gi);
      weightLists[p]!.push(g.weights[i]!);
      supporters[p]! += g.voters;
    });
  });
  return {
    ids: election.projects.map((p) => p.id),
    costs: election.projects.map((p) => p.cost),
    supporters,
    groups,
    groupsOf: groupLists.map((l) => Int32Array.from(l)),
    weightsOf: weightLists.map((l) => Int32Array.from(l)),
    groupVoters: Int32Array.from(groups.map((g) => g.voters)),
    maxWeight,
    voters: election.votes.length,
  };
}

/**
 * One run of the Method of Equal Shares where every voter starts with `shareNum / shareDen`.
 *
 * Voters with the same budget behave the same, so voters are kept in budget classes; a class's
 * budget is an integer numerator over the shared denominator `den`. When a purchase would leave a
 * fraction, `den` and every numerator are multiplied by the same factor, so all arithmetic is exact
 * bigint integer arithmetic. A voter with weight w for project p (utility w·cost(p)) pays
 * min(budget, ρ·w·cost(p)); the project with the lowest ρ is bought, ties going to more supporters,
 * then to the lower id. ρ only grows as budgets shrink, so a project whose last ρ already exceeds the
 * best one found in this round cannot win it and is not recomputed.
 */
function mesRun(inst: MesInstance, shareNum: bigint, shareDen: bigint): number[] {
  const P = inst.ids.length;
  const stride = inst.maxWeight + 1;
  // Class budgets are numerators over the denominator of the epoch they were last brought up to;
  // `budgetOf` brings one up to the current denominator when it is read (each class at most once
  // per epoch), instead of rescaling every class at every purchase.
  let den = shareDen;
  const denOfEpoch: bigint[] = [den];
  const classNum: bigint[] = [shareNum];
  const classEpoch: number[] = [0];
  const budgetOf = (c: number): bigint => {
    const epoch = denOfEpoch.length - 1;
    if (classEpoch[c] !== epoch) {
      classNum[c] = classNum[c]! * (den / denOfEpoch[classEpoch[c]!]!);
      classEpoch[c] = epoch;
    }
    return classNum[c]!;
  };
  let zeroClass = -1;
  const classOf = new Int32Array(inst.groups.length); // every voter starts in class 0
  // Scratch space for evaluate: voters per (class · stride + weight), zeroed again after use.
  let tally = new Float64Array(64 * stride);
  const touched: number[] = [];

  const lastRho: Ratio[] = inst.ids.map(() => ({ num: 0n, den: 1n }));
  let remaining: number[] = [];
  for (let p = 0; p < P; p++) if (inst.supporters[p]! > 0) remaining.push(p);

  const better = (a: number, ra: Ratio, b: number, rb: Ratio): boolean => {
    const c = compareRatio(ra, rb);
    if (c !== 0) return c < 0;
    if (inst.supporters[a] !== inst.supporters[b]) return inst.supporters[a]! > inst.supporters[b]!;
    return compareIds(inst.ids[a]!, inst.ids[b]!) < 0;
  };

  /** ρ and the payment per unit of weight (numerator over `den`, as need/weight), or null if unaffordable. */
  const evaluate = (p: number): { rho: Ratio; payNum: bigint; payDen: bigint } | null => {
    const need = inst.costs[p]! * den;
    const entries: { budget: bigint; w: bigint; n: bigint }[] = [];
    let total = 0n;
    let weight = 0n;
    const gs = inst.groupsOf[p]!;
    const ws = inst.weightsOf[p]!;
    const limit = classNum.length * stride;
    if (tally.length < limit) tally = new Float64Array(Math.max(limit, tally.length * 2));
    for (let i = 0; i < gs.length; i++) {
      const key = classOf[gs[i]!]! * stride + ws[i]!;
      if (tally[key] === 0) touched.push(key);
      tally[key]! += inst.groupVoters[gs[i]!]!;
    }
    for (const key of touched) {
      const n = tally[key]!;
      tally[key] = 0;
      const budget = budgetOf(Math.floor(key / stride));
      if (budget === 0n) continue;
      const w = BigInt(key % stride);
      const bn = BigInt(n);
      entries.push({ budget, w, n: bn });
      total += budget * bn;
      weight += w * bn;
    }
    touched.length = 0;
    if (total < need) return null;
    if (need === 0n) return { rho: { num: 0n, den: 1n }, payNum: 0n, payDen: 1n };
    // Voters run out of money in the order budget / weight.
    entries.sort((a, b) => {
      if (a.w === b.w) return a.budget < b.budget ? -1 : a.budget > b.budget ? 1 : 0;
      const l = a.budget * b.w;
      const r = b.budget * a.w;
      return l < r ? -1 : l > r ? 1 : 0;
    });
    let rest = need;
    for (const e of entries) {
      // Everybody still paying pays α·w with α = rest / weight; fine if α ≤ budget / w for this class.
      if (rest * e.w <= e.budget * weight) {
        return { rho: { num: rest, den: weight * den * inst.costs[p]! }, payNum: rest, payDen: weight };
      }
      rest -= e.budget * e.n;
      weight -= e.w * e.n;
    }
    /* c8 ignore next */
    throw new Error("equal shares: unreachable (total covers the cost)");
  };

  const selected: number[] = [];
  for (;;) {
    remaining.sort((a, b) => (better(a, lastRho[a]!, b, lastRho[b]!) ? -1 : better(b, lastRho[b]!, a, lastRho[a]!) ? 1 : 0));
    let best = -1;
    let bestRho: Ratio = { num: 0n, den: 1n };
    let bestPay = { num: 0n, den: 1n };
    const dropped = new Set<number>();
    for (const p of remaining) {
      if (best >= 0 && compareRatio(lastRho[p]!, bestRho) > 0) break;
      const result = evaluate(p);
      if (!result) {
        dropped.add(p); // budgets only shrink: it stays unaffordable in this run
        continue;
      }
      lastRho[p] = result.rho;
      if (best < 0 || better(p, result.rho, best, bestRho)) {
        best = p;
        bestRho = result.rho;
        bestPay = { num: result.payNum, den: result.payDen };
      }
    }
    if (dropped.size) remaining = remaining.filter((p) => !dropped.has(p));
    if (best < 0) break;
    selected.push(best);
    remaining = remaining.filter((p) => p !== best);

    // Make the payment per unit of weight an integer over the (possibly enlarged) denominator.
    const factor = bestPay.den / gcd(bestPay.num, bestPay.den);
    if (factor !== 1n) {
      den *= factor;
      denOfEpoch.push(den);
    }
    const alpha = (bestPay.num * factor) / bestPay.den;

    // Supporters pay: voters of one class with one weight move to one new class; all voters who
    // spent everything share the zero class.
    const moved = new Map<number, number>(); // old class · stride + weight → new class
    const gs = inst.groupsOf[best]!;
    const ws = inst.weightsOf[best]!;
    for (let i = 0; i < gs.length; i++) {
      const gi = gs[i]!;
      const w = ws[i]!;
      const old = classOf[gi]!;
      const key = old * stride + w;
      let next = moved.get(key);
      if (next === undefined) {
        const b = budgetOf(old);
        const pay = alpha * BigInt(w);
        if (pay === 0n) {
          next = old;
        } else if (pay >= b) {
          if (zeroClass < 0) {
            zeroClass = classNum.length;
            classNum.push(0n);
            classEpoch.push(denOfEpoch.length - 1);
          }
          next = zeroClass;
        } else {
          next = classNum.length;
          classNum.push(b - pay);
          classEpoch.push(denOfEpoch.length - 1);
        }
        moved.set(key, next);
      }
      classOf[gi] = next;
    }
  }
  return selected;
}

function totalCost(inst: MesInstance, selected: readonly number[]): bigint {
  return selected.reduce((sum, p) => sum + inst.costs[p]!, 0n);
}

/**
 * Method of Equal Shares with cost utilities: every voter holds budget / n. With `add1`, the run is
 * repeated with every voter's initial share raised by one currency unit at a time (n units in total
 * per step) as long as the outcome's total cost still fits in the real budget; the last outcome that
 * fits is kept (no greedy completion afterwards: that is what the Pabulib files with rule
 * `equalshares/add1` record). The loop also stops once every project with a supporter is selected.
 * Returns ids in the order bought.
 *
 * This is the reference implementation: every run in exact rational arithmetic. `equalShares` gives
 * the same outcome faster (docs/decisions/011-equal-shares-speed.md); tests compare the two.
 */
export function equalSharesExact(election: TallyElection, options: { add1?: boolean } = {}): string[] {
  const inst = prepare(election);
  const n = BigInt(inst.voters);
  if (n === 0n) return [];
  const unit = election.currencyUnit ?? 1n;
  if (unit <= 0n) throw new RuleError("the currency unit must be positive");
  let best = mesRun(inst, election.budget, n);
  if (!options.add1) return best.map((p) => inst.ids[p]!);
  const fundable = inst.supporters.filter((s) => s > 0).length;
  for (let k = 1n; best.length < fundable; k++) {
    // Share budget/n + k units, as a numerator over n.
    const next = mesRun(inst, election.budget + k * unit * n, n);
    if (totalCost(inst, next) > election.budget) break;
    best = next;
  }
  return best.map((p) => inst.ids[p]!);
}

// ---------------------------------------------------------------------------------------------
// Method of Equal Shares, fast: float runs that know when they are sure (decision 011)

/**
 * Relative tolerance of a float decision. A double rounds with a relative error of 1.1e-16; the sums
 * and payments of one run stay many orders of magnitude below 1e-9 of the money involved, so a float
 * comparison whose two sides differ by more than this share of their magnitude is the same comparison
 * in exact arithmetic. Anything closer is a near-tie and is decided in exact arithmetic instead.
 */
const FLOAT_TOLERANCE = 1e-9;

/** The float view of a MesInstance. */
interface FastInstance {
  readonly inst: MesInstance;
  readonly cost: Float64Array;
  /** Σ weight · voters over each project's supporters: an integer, exact in a double. */
  readonly weight: Float64Array;
  /** Per project: the voters of each group in groupsOf, as doubles. */
  readonly votersOf: readonly Float64Array[];
  /** Whether every weight is 1 (approval-like ballots). */
  readonly unitWeights: boolean;
  /** Rank of each project id in plain character order (the last tie-break). */
  readonly idRank: Int32Array;
  /** Scratch: each group's budget in the current run. */
  readonly budget: Float64Array;
}

function prepareFast(inst: MesInstance): FastInstance {
  const P = inst.ids.length;
  const weight = new Float64Array(P);
  for (let p = 0; p < P; p++) {
    const gs = inst.groupsOf[p]!;
    const ws = inst.weightsOf[p]!;
    let w = 0;
    for (let i = 0; i < gs.length; i++) w += ws[i]! * inst.groupVoters[gs[i]!]!;
    weight[p] = w;
  }
  const byId = inst.ids.map((_, p) => p).sort((a, b) => compareIds(inst.ids[a]!, inst.ids[b]!));
  const idRank = new Int32Array(P);
  byId.forEach((p, rank) => (idRank[p] = rank));
  return {
    inst,
    cost: Float64Array.from(inst.costs, (c) => Number(c)),
    weight,
    votersOf: inst.groupsOf.map((gs) => Float64Array.from(gs, (g) => inst.groupVoters[g]!)),
    unitWeights: inst.maxWeight === 1,
    idRank,
    budget: new Float64Array(inst.groups.length),
  };
}

/**
 * How a project's ρ is known. EXACT_ZERO: a project costing nothing (ρ = 0). EXACT_INVERSE: no
 * supporter runs out of money, so ρ = 1 / weight exactly (the common case, and the one that ties
 * exactly between projects with the same supporter weight). FLOAT: ρ ± err.
 */
const EXACT_ZERO = 0;
const EXACT_INVERSE = 1;
const FLOAT = 2;

/** The outcome of a float run: the projects bought in order, or `null` if a decision was too close. */
type FloatRun = number[] | null;

/**
 * One run of the Method of Equal Shares in doubles, with every voter starting at `share`. It makes the
 * same decisions as `mesRun` (lowest ρ, then more supporters, then lower id; a project whose
 * supporters cannot afford it is out for the run) and returns null as soon as one of them is within
 * the float tolerance: two ρ that may be equal, or supporters' money that may exactly cover a cost.
 *
 * A voter with weight w pays min(budget, α·w) for a project, α = ρ·cost; α is found by raising it from
 * cost / weight, capping the voters whose budget / w falls below it, until no more are capped (α only
 * grows, so this ends after at most as many passes as there are budget levels, usually two or three).
 */
function mesRunFloat(fast: FastInstance, share: number, hint?: readonly number[], stats?: { evaluations: number }): FloatRun {
  const { inst, cost, weight, votersOf, unitWeights, idRank, budget } = fast;
  const P = inst.ids.length;
  budget.fill(share);
  // Per project, the last ρ found in this run (a lower bound of its ρ now: budgets only shrink), its
  // error bound, and whether it is exact. Before any evaluation: 1 / weight, a lower bound as well.
  const lastRho = new Float64Array(P);
  const lastErr = new Float64Array(P);
  const order: number[] = [];
  /** 1 while p is in `order` (has supporters, not bought, not dropped). */
  const alive = new Uint8Array(P);
  for (let p = 0; p < P; p++) {
    if (inst.supporters[p]! === 0) continue;
    alive[p] = 1;
    lastRho[p] = cost[p] === 0 ? 0 : 1 / weight[p]!;
    lastErr[p] = lastRho[p]! * 1e-15;
    order.push(p);
  }
  // Kept sorted by lastRho; after a round only the evaluated projects move, so an insertion sort
  // restores the order in about P steps (no full sort per round).
  const insertionSort = () => {
    for (let i = 1; i < order.length; i++) {
      const p = order[i]!;
      const r = lastRho[p]!;
      let j = i - 1;
      while (j >= 0 && lastRho[order[j]!]! > r) {
        order[j + 1] = order[j]!;
        j--;
      }
      order[j + 1] = p;
    }
  };
  insertionSort();

  // The evaluated candidate: kind, ρ, err and α per unit of weight.
  let kind = FLOAT;
  let rho = 0;
  let err = 0;
  let alpha = 0;
  const EVALUATED = 0;
  const UNAFFORDABLE = 1;
  const UNSURE = 2;
  const ABOVE = 3;
  /**
   * Evaluates p into (kind, rho, err, alpha) and returns EVALUATED; or UNAFFORDABLE; or UNSURE; or
   * ABOVE when its ρ is surely above `bound` (then lastRho[p] is raised to a lower bound of it).
   *
   * α is raised from a lower bound (cost / weight, or the last ρ known · cost) by α ← (cost − money of
   * the capped voters) / weight of the others; from below, each step stays below the true α, so the
   * search can stop as soon as α / cost passes `bound`.
   */
  const evaluate = (p: number, bound: number): number => {
    if (stats) stats.evaluations++;
    const c = cost[p]!;
    if (c === 0) {
      kind = EXACT_ZERO;
      rho = err = alpha = 0;
      return EVALUATED;
    }
    const gs = inst.groupsOf[p]!;
    const ws = inst.weightsOf[p]!;
    const ns = votersOf[p]!;
    let a = Math.max(c / weight[p]!, (lastRho[p]! - lastErr[p]!) * c);
    let count = 0;
    let capSum = 0;
    let free = 0;
    let minFree = Infinity;
    for (let pass = 0; ; pass++) {
      count = 0;
      let total = 0;
      capSum = 0;
      free = 0;
      minFree = Infinity;
      if (unitWeights) {
        // Approval-like ballots: every weight is 1.
        for (let i = 0; i < gs.length; i++) {
          const b = budget[gs[i]!]!;
          const n = ns[i]!;
          total += b * n;
          if (b < a) {
            capSum += b * n;
            count++;
          } else {
            free += n;
            if (b < minFree) minFree = b;
          }
        }
      } else {
        for (let i = 0; i < gs.length; i++) {
          const w = ws[i]!;
          const b = budget[gs[i]!]!;
          const n = ns[i]!;
          total += b * n;
          if (b < a * w) {
            capSum += b * n;
            count++;
          } else {
            free += w * n;
            if (b < minFree * w) minFree = b / w;
          }
        }
      }
      if (pass === 0) {
        const slack = FLOAT_TOLERANCE * (total + c);
        if (total < c - slack) return UNAFFORDABLE;
        if (total <= c + slack) return UNSURE;
      }
      if (free === 0) return UNSURE; // cannot happen with total > cost; be safe
      // The voters capped at a pay their budget, the others a·w: the α that makes them pay the cost.
      a = (c - capSum) / free;
      // Done when nobody else runs out of money at the new α.
      if (minFree >= a) break;
      const lower = a / c;
      const lowerErr = (FLOAT_TOLERANCE * (c + capSum)) / (free * c) + lower * FLOAT_TOLERANCE;
      if (lower - lowerErr > bound) {
        lastRho[p] = lower;
        lastErr[p] = lowerErr;
        return ABOVE;
      }
    }
    alpha = a;
    if (count === 0 && minFree > a * (1 + FLOAT_TOLERANCE)) {
      // Nobody is near running out: in exact arithmetic nobody runs out either, and ρ = 1 / weight.
      kind = EXACT_INVERSE;
      rho = 1 / weight[p]!;
      err = rho * 1e-15;
    } else {
      kind = FLOAT;
      rho = a / c;
      err = (FLOAT_TOLERANCE * (c + capSum)) / (free * c) + rho * FLOAT_TOLERANCE;
    }
    return EVALUATED;
  };

  const selected: number[] = [];
  const dropped = new Uint8Array(P);
  for (;;) {
    let best = -1;
    let bestKind = FLOAT;
    let bestRho = 0;
    let bestErr = 0;
    let bestAlpha = 0;
    let anyDropped = false;
    // The project the previous add1 step bought at this point is looked at first: usually it is the
    // best again, and with its ρ known the others can stop early (ABOVE).
    const hinted = hint !== undefined && selected.length < hint.length && alive[hint[selected.length]!] ? hint[selected.length]! : -1;
    for (let at = hinted >= 0 ? -1 : 0; at < order.length; at++) {
      const p = at < 0 ? hinted : order[at]!;
      if (at >= 0 && p === hinted) continue;
      if (best >= 0 && lastRho[p]! - lastErr[p]! > bestRho + bestErr) {
        if (at < 0) continue;
        break;
      }
      const outcome = evaluate(p, best >= 0 ? bestRho + bestErr : Infinity);
      if (outcome === ABOVE) continue; // it cannot be the best in this round
      if (outcome === UNSURE) return null;
      if (outcome === UNAFFORDABLE) {
        dropped[p] = 1; // budgets only shrink: it stays unaffordable in this run
        alive[p] = 0;
        anyDropped = true;
        continue;
      }
      lastRho[p] = rho;
      lastErr[p] = err;
      let better: boolean;
      if (best < 0) better = true;
      else if (kind !== FLOAT && bestKind !== FLOAT) {
        // Both exact: 0 < 1 / weight, and 1 / w1 < 1 / w2 when w1 > w2 (weights are exact integers).
        const cmp = kind !== bestKind ? (kind === EXACT_ZERO ? -1 : 1) : kind === EXACT_ZERO ? 0 : weight[best]! - weight[p]!;
        if (cmp !== 0) better = cmp < 0;
        else if (inst.supporters[p] !== inst.supporters[best]) better = inst.supporters[p]! > inst.supporters[best]!;
        else better = idRank[p]! < idRank[best]!;
      } else {
        if (Math.abs(rho - bestRho) <= err + bestErr) return null; // a near-tie: let exact arithmetic decide
        better = rho < bestRho;
      }
      if (better) {
        best = p;
        bestKind = kind;
        bestRho = rho;
        bestErr = err;
        bestAlpha = alpha;
      }
    }
    if (anyDropped || best >= 0) {
      let j = 0;
      for (const p of order) if (!dropped[p] && p !== best) order[j++] = p;
      order.length = j;
    }
    if (best < 0) break;
    selected.push(best);
    alive[best] = 0;
    // Supporters pay min(budget, α·w).
    const gs = inst.groupsOf[best]!;
    const ws = inst.weightsOf[best]!;
    for (let i = 0; i < gs.length; i++) {
      const g = gs[i]!;
      const pay = bestAlpha * ws[i]!;
      const b = budget[g]!;
      budget[g] = pay >= b ? 0 : b - pay;
    }
    insertionSort();
  }
  return selected;
}

/** Statistics of the last `equalShares` call, for the benchmark. */
export const equalSharesStats = {
  /** MES runs (one per add1 step). */
  runs: 0,
  /** Runs decided in doubles. */
  floatRuns: 0,
  /** Runs that met a near-tie and were made in exact arithmetic. */
  fallbackRuns: 0,
  /** Exact runs made to confirm the float outcome kept and the one that ended add1 (or the one run without add1). */
  confirmRuns: 0,
  /** ρ evaluations in the float runs. */
  evaluations: 0,
};

/**
 * Method of Equal Shares with cost utilities, with or without add1 completion: the same outcome as
 * `equalSharesExact`, faster. Without add1 it is the one exact run. With add1, each run is made in
 * doubles first (`mesRunFloat`); a run that meets a near-tie is made again in exact arithmetic
 * (`mesRun`). add1 still raises the shares one currency unit at a time and stops at the first
 * outcome over the budget (the total cost is not monotone in the share, so no step may be skipped);
 * the outcome kept and the one that ended the loop are then made once more in exact arithmetic, and
 * should either differ from the float run the whole computation is redone exactly.
 */
export function equalShares(election: TallyElection, options: { add1?: boolean } = {}): string[] {
  const inst = prepare(election);
  const n = BigInt(inst.voters);
  const stats = equalSharesStats;
  stats.runs = stats.floatRuns = stats.fallbackRuns = stats.confirmRuns = stats.evaluations = 0;
  if (n === 0n) return [];
  const unit = election.currencyUnit ?? 1n;
  if (unit <= 0n) throw new RuleError("the currency unit must be positive");
  if (!options.add1) {
    // One run: the float run and its exact confirmation would cost more than the exact run alone.
    stats.runs++;
    stats.confirmRuns++;
    return mesRun(inst, election.budget, n).map((p) => inst.ids[p]!);
  }
  const fast = prepareFast(inst);
  const nf = Number(n);
  let hint: number[] | undefined;
  const run = (shareNum: bigint): { selected: number[]; exact: boolean } => {
    stats.runs++;
    const selected = mesRunFloat(fast, Number(shareNum) / nf, hint, stats);
    if (selected) {
      stats.floatRuns++;
      hint = selected;
      return { selected, exact: false };
    }
    stats.fallbackRuns++;
    hint = mesRun(inst, shareNum, n);
    return { selected: hint, exact: true };
  };
  const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((p, i) => p === b[i]);
  const confirm = (shareNum: bigint, outcome: { selected: number[]; exact: boolean }): boolean =>
    outcome.exact || (stats.confirmRuns++, same(mesRun(inst, shareNum, n), outcome.selected));

  let bestShare = election.budget;
  let best = run(bestShare);
  const fundable = inst.supporters.filter((s) => s > 0).length;
  for (let k = 1n; best.selected.length < fundable; k++) {
    const share = election.budget + k * unit * n;
    const next = run(share);
    if (totalCost(inst, next.selected) > election.budget) {
      if (!confirm(share, next)) return equalSharesExact(election, options);
      break;
    }
    best = next;
    bestShare = share;
  }
  if (!confirm(bestShare, best)) return equalSharesExact(election, options);
  return best.selected.map((p) => inst.ids[p]!);
}

/**
 * The `-comparison` step: keep the equal-shares outcome unless more voters have more of their
 * approved projects funded by the greedy outcome than by the equal-shares outcome.
 */
export function compareWithGreedy(election: TallyElection, equal: readonly string[], greedyOutcome: readonly string[]): string[] {
  const inEqual = new Set(equal);
  const inGreedy = new Set(greedyOutcome);
  let preferGreedy = 0;
  let preferEqual = 0;
  const usesPoints = election.voteType === "cumulative" || election.voteType === "scoring";
  for (const ballot of election.votes) {
    let e = 0;
    let g = 0;
    ballot.projects.forEach((id, i) => {
      if (usesPoints && !((ballot.points?.[i] ?? 0) > 0)) return;
      if (inEqual.has(id)) e++;
      if (inGreedy.has(id)) g++;
    });
    if (g > e) preferGreedy++;
    else if (e > g) preferEqual++;
  }
  return preferGreedy > preferEqual ? [...greedyOutcome] : [...equal];
}

/** The winners of `election` under `rule`, in the order the rule selected them. */
export function tally(election: TallyElection, rule: RuleName): string[] {
  switch (rule) {
    case "greedy":
      return greedy(election, "skip");
    case "greedy-no-skip":
      return greedy(election, "no-skip");
    case "greedy-threshold":
      return greedy(election, "threshold");
    case "equalshares":
      return equalShares(election);
    case "equalshares/add1":
      return equalShares(election, { add1: true });
    case "equalshares-comparison":
      return compareWithGreedy(election, equalShares(election), greedy(election));
    case "equalshares/add1-comparison":
      return compareWithGreedy(election, equalShares(election, { add1: true }), greedy(election));
  }
}

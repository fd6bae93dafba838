import type { RangeDecoder } from './range-decoder';

const NONE = -1;

/**
 * dlib's `entropy_decoder_model_kernel_5` (PPM, escape method D, Shkarin's information inheritance): the
 * model of `compress_stream::kernel_1ea` (`alphabet_size` 257, `total_nodes` 200000, `order` 4). The node pool
 * is a set of typed arrays (index 0 is the root, -1 the null pointer); counts are C `unsigned short`s and wrap
 * at 16 bits as they do in dlib. When the pool is exhausted the whole tree is rebuilt, as dlib does.
 */
export class PpmModel {
  private readonly next: Int32Array;
  private readonly child: Int32Array;
  private readonly parent: Int32Array;
  private readonly symbol: Uint16Array;
  private readonly count: Uint16Array;
  private readonly total: Uint16Array;
  private readonly escapes: Uint16Array;
  private nextNode = 1;
  private cur = 0;
  private curOrder = 0;
  private readonly exc: Uint32Array;
  private excUsed = false;
  private readonly stackN: Int32Array;
  private readonly stackNc: Int32Array;
  private stackSize = 0;

  constructor(
    private readonly coder: RangeDecoder,
    private readonly alphabetSize = 257,
    private readonly totalNodes = 200_000,
    private readonly order = 4,
  ) {
    this.next = new Int32Array(totalNodes);
    this.child = new Int32Array(totalNodes);
    this.parent = new Int32Array(totalNodes);
    this.symbol = new Uint16Array(totalNodes);
    this.count = new Uint16Array(totalNodes);
    this.total = new Uint16Array(totalNodes);
    this.escapes = new Uint16Array(totalNodes);
    this.exc = new Uint32Array((alphabetSize >>> 5) + 1);
    this.stackN = new Int32Array(order + 1);
    this.stackNc = new Int32Array(order + 1);
    this.clear();
  }

  private clear(): void {
    this.nextNode = 1;
    this.child[0] = NONE;
    this.escapes[0] = 0;
    this.next[0] = NONE;
    this.parent[0] = NONE;
    this.total[0] = 0;
    this.cur = 0;
    this.curOrder = 0;
    this.stackSize = 0;
    this.clearExclusions();
  }

  private clearExclusions(): void {
    this.excUsed = false;
    this.exc.fill(0);
  }

  private exclude(s: number): void {
    this.excUsed = true;
    this.exc[s >>> 5]! |= 1 << (s & 31);
  }

  private isExcluded(s: number): boolean {
    return (this.exc[s >>> 5]! & (1 << (s & 31))) !== 0;
  }

  private allocate(): number {
    return this.nextNode++;
  }

  /** Halves the counts of a context set (never to zero) and recomputes its total. */
  private scaleCounts(n: number): void {
    if (this.escapes[n]! > 1) this.escapes[n] = this.escapes[n]! >>> 1;
    this.total[n] = this.escapes[n]!;
    for (let c = this.child[n]!; c !== NONE; c = this.next[c]!) {
      if (this.count[c]! > 1) this.count[c] = this.count[c]! >>> 1;
      this.total[n] = this.total[n]! + this.count[c]!;
    }
  }

  /** Decodes one symbol (0 … alphabetSize−1). */
  decode(): number {
    let temp = this.cur;
    this.cur = NONE;
    let localOrder = this.curOrder;
    let newNode = NONE;
    let symbol: number;
    let c: number; // t(a|sk), as an unsigned short
    let t: number; // T(sk), as an unsigned short
    if (this.excUsed) this.clearExclusions();

    while (true) {
      let highCount = 0;
      if (this.nextNode < this.totalNodes) {
        let totalCount = this.total[temp]!;
        if (totalCount > 0) {
          if (totalCount > 10000) {
            this.scaleCounts(temp);
            totalCount = this.total[temp]!;
          }
          if (this.child[temp] === NONE)
            throw new RangeError('PPM model: context without children (corrupt stream)');
          if (this.excUsed) {
            let n = this.child[temp]!;
            totalCount = this.escapes[temp]!;
            while (true) {
              if (!this.isExcluded(this.symbol[n]!)) totalCount += this.count[n]!;
              if (this.next[n] === NONE) break;
              n = this.next[n]!;
            }
          }
          const target = this.coder.getTarget(totalCount);
          let n = this.child[temp]!;
          let last = NONE;
          while (true) {
            if (!this.isExcluded(this.symbol[n]!)) {
              highCount += this.count[n]!;
              this.exclude(this.symbol[n]!);
            }
            if (highCount > target || this.next[n] === NONE) break;
            last = n;
            n = this.next[n]!;
          }
          if (highCount > target) {
            // Found the symbol in this context.
            const lowCount = highCount - this.count[n]!;
            if (newNode !== NONE) this.parent[newNode] = n;
            symbol = this.symbol[n]!;
            this.coder.decode(lowCount, highCount);
            this.count[n] = this.count[n]! + 8;
            c = this.count[n]!;
            this.total[temp] = this.total[temp]! + 8;
            t = this.total[temp]!;
            if (last !== NONE) {
              // Move to front.
              this.next[last] = this.next[n]!;
              this.next[n] = this.child[temp]!;
              this.child[temp] = n;
            }
            if (this.cur === NONE) {
              if (localOrder < this.order) {
                this.curOrder = localOrder + 1;
                this.cur = n;
              } else {
                this.cur = this.parent[n]!;
                this.curOrder = localOrder;
              }
            }
            break;
          }
          // Escape: the symbol is not in this context.
          if (newNode !== NONE) {
            this.parent[newNode] = this.allocate();
            newNode = this.parent[newNode]!;
          } else {
            newNode = this.allocate();
          }
          this.next[n] = newNode;
          this.coder.decode(highCount, totalCount);
        } else {
          // A context never seen: start its child set with the new node.
          if (newNode !== NONE) {
            this.parent[newNode] = this.allocate();
            newNode = this.parent[newNode]!;
          } else {
            newNode = this.allocate();
          }
          this.child[temp] = newNode;
        }

        if (this.cur === NONE && localOrder < this.order) {
          this.cur = newNode;
          this.curOrder = localOrder + 1;
        }
        this.child[newNode] = NONE;
        this.escapes[newNode] = 0;
        this.next[newNode] = NONE;
        this.stackN[this.stackSize] = newNode;
        this.stackNc[this.stackSize] = temp;
        this.stackSize++;
        this.total[newNode] = 0;

        if (temp !== 0) {
          temp = this.parent[temp]!;
          localOrder--;
          continue;
        }

        // Order −1: every symbol equally likely.
        t = 2056;
        c = 8;
        const target = this.coder.getTarget(this.alphabetSize);
        this.parent[newNode] = 0;
        this.coder.decode(target, target + 1);
        symbol = target;
        if (this.cur === NONE) {
          this.cur = 0;
          this.curOrder = 0;
        }
        break;
      } else {
        // Out of nodes: rebuild the tree from scratch.
        this.clear();
        temp = this.cur;
        localOrder = this.curOrder;
        this.cur = NONE;
        newNode = NONE;
      }
    }

    // Initialize the counts of the nodes added on the way down (information inheritance).
    while (this.stackSize > 0) {
      this.stackSize--;
      const n = this.stackN[this.stackSize]!;
      const nc = this.stackNc[this.stackSize]!;
      this.symbol[n] = symbol;
      if (this.total[nc]! !== 0) {
        // C computes this in int and stores it in an unsigned long: a negative value wraps to ~2^64, which
        // makes the quotient 0. `| 1` keeps the divisor non-zero.
        const temp2 = t - c + this.total[nc]! - this.escapes[nc]! - this.escapes[nc]!;
        let v = (temp2 < 0 ? 0 : Math.floor((this.total[nc]! * c) / (temp2 | 1))) + 2;
        if (v > 50000) v = 50000;
        this.count[n] = v;
        this.escapes[nc] = this.escapes[nc]! + 4;
        this.total[nc] = this.total[nc]! + (v & 0xffff) + 4;
      } else {
        if (t === c) throw new RangeError('PPM model: zero escape count (corrupt stream)');
        this.count[n] = 3 + Math.trunc((5 * c) / (t - c));
        this.escapes[nc] = 4;
        this.total[nc] = this.count[n]! + 4;
      }
      while (this.total[nc]! > 10000) this.scaleCounts(nc);
    }
    return symbol;
  }
}

/**
 * dlib's `entropy_decoder_kernel_2`: a 32-bit range decoder. All state is uint32 arithmetic (wrapping), kept
 * here with `>>> 0`. Reading past the end of the input yields zero bytes, as dlib's `sgetn` failure does; the
 * caller bounds the output and checks the stream's CRC, so a truncated stream fails there.
 */
export class RangeDecoder {
  private low = 1;
  private high = 0xffffffff;
  private target = 0;
  private r = 0;
  private pos = 0;
  /** Bytes requested past the end of the input. */
  overrun = 0;

  constructor(private readonly input: Uint8Array) {
    for (let i = 0; i < 4; i++) this.target = ((this.target << 8) | this.nextByte()) >>> 0;
  }

  private nextByte(): number {
    if (this.pos < this.input.length) return this.input[this.pos++]!;
    this.overrun++;
    return 0;
  }

  /** The count in [0, total) the next symbol's interval contains. */
  getTarget(total: number): number {
    if (!(total > 0)) throw new RangeError('range decoder: empty symbol interval (corrupt stream)');
    this.r = Math.floor((this.high - this.low + 1) / total);
    // r is 0 only when total exceeds the range: dlib would divide by zero. A valid stream never gets here.
    if (this.r === 0) throw new RangeError('range decoder: total exceeds the coding range');
    const t = Math.floor(((this.target - this.low) >>> 0) / this.r);
    return t < total ? t : total - 1;
  }

  /** Consumes the symbol with cumulative counts [lowCount, highCount) of the last `getTarget` total. */
  decode(lowCount: number, highCount: number): void {
    this.high = (this.low + this.r * highCount - 1) >>> 0;
    this.low = (this.low + this.r * lowCount) >>> 0;
    this.r = 0;
    while (true) {
      if ((this.high & 0xff000000) !== (this.low & 0xff000000)) {
        if ((this.high - this.low) >>> 0 >= 0x10000) break;
        // Underflow: the range straddles a top-byte boundary and is narrow; collapse it around the middle.
        const wide = (this.high - this.low) >>> 0 > 0x1000;
        const mid = ((this.high >>> 1) + (this.low >>> 1)) >>> 0;
        this.high = wide ? (mid + 0xff) >>> 0 : mid;
        this.low = wide ? (mid - 0xff) >>> 0 : mid;
      } else {
        const b = this.nextByte();
        this.target = ((this.target << 8) | b) >>> 0;
        this.high = ((this.high << 8) | 0xff) >>> 0;
        this.low = (this.low << 8) >>> 0;
        if (this.low === 0) this.low = 1;
      }
    }
  }
}

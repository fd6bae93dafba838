/**
 * Float32 arithmetic as PyTorch's CPU kernels round it (what makes a replay of the official optimizers bit
 * exact). Every tensor op rounds its result to float32; Python scalars enter the kernels as float32;
 * `add_(b, alpha=s)` and `addcmul_` are fused (one rounding, as the vectorized kernels' FMA), `addcdiv_` is
 * not. Products of two float32 values are exact in float64, so "compute in float64, round once" is the FMA.
 * (Which roundings: found by replaying the recorded official runs, see adam.test.ts, ranger.test.ts.)
 */
export const f32 = Math.fround;

/** `a.add_(b, alpha=s)`: a + s·b rounded once. */
export const addScaled = (a: number, s: number, b: number): number => f32(a + s * b);

/** `a.addcmul_(b, c, value=s)`: fma(round(s·b), c, a), i.e. s·b rounded, then a + that·c rounded once. */
export const addcmul = (a: number, s: number, b: number, c: number): number => f32(a + f32(s * b) * c);

/** `a.addcdiv_(b, c, value=s)`: a + (s·b)/c with a float32 rounding after each op. */
export const addcdiv = (a: number, s: number, b: number, c: number): number => f32(a + f32(f32(s * b) / c));

/** float32 square root (correctly rounded, as the kernel's). */
export const sqrt32 = (x: number): number => f32(Math.sqrt(x));

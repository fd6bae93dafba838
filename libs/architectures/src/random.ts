/** A constant-filled Float32Array (biases, gains) for preset initializers. */
export const filled = (n: number, v: number): Float32Array => new Float32Array(n).fill(v);
